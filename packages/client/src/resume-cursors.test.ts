import { chat } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { ResumeCursors } from './resume-cursors.js';

describe('ResumeCursors', () => {
  it('resumes each wanted room and every conversation from the last seq seen', () => {
    const cursors = new ResumeCursors();
    cursors.joined('dev', 10, true);
    cursors.joined('ops', 0, false);
    cursors.seen(chat(11, 'bob', 'x', { room: 'dev' }), 'alice');
    cursors.seen(chat(4, 'Bob', 'psst', { to: 'alice' }), 'alice');
    cursors.seen(chat(5, 'alice', 'hi', { to: 'Bob' }), 'alice');
    expect(cursors.resume(new Set(['dev', 'ops']))).toEqual({ dev: 11, ops: 0, '@Bob': 5 });
    expect(cursors.resume(new Set(['dev']))).toEqual({ dev: 11, '@Bob': 5 });
  });

  it('never moves backwards, and restarts a target the server could not replay', () => {
    const cursors = new ResumeCursors();
    cursors.joined('dev', 10, true);
    cursors.seen(chat(3, 'bob', 'old', { room: 'dev' }), 'alice');
    cursors.joined('dev', 99, false);
    expect(cursors.resume(new Set(['dev']))).toEqual({ dev: 10 });
    cursors.resumed('dev', 2, false);
    expect(cursors.resume(new Set(['dev']))).toEqual({ dev: 2 });
    cursors.left('dev');
    expect(cursors.resume(new Set(['dev']))).toEqual({});
  });

  it('names a conversation partner as the server spells them', () => {
    const cursors = new ResumeCursors();
    cursors.spell('bob');
    expect(cursors.peer('@bob')).toBe('bob');
    cursors.seen(chat(1, 'BoB', 'hi', { to: 'alice' }), 'alice');
    expect(cursors.peer('@bob')).toBe('BoB');
    expect(cursors.wire('@bob')).toBe('@BoB');
    expect(cursors.wire('dev')).toBe('dev');
  });
});
