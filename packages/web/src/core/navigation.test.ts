import { chat, joined } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { chatting, frame, NOW, run } from '../../test/page-fixtures.js';
import { adjacentTarget, olderPageRequest } from './navigation.js';

describe('adjacentTarget', () => {
  it('moves up and down the room list and stops at its ends', () => {
    const s = chatting(frame(joined('dev')), frame(joined('ops')), { type: 'open-dm', nick: 'bob' });
    expect(adjacentTarget(s, -1)).toBe('ops');
    expect(adjacentTarget(s, 1)).toBeUndefined();
    expect(adjacentTarget(run(s, { type: 'select', target: 'dev' }), -1)).toBeUndefined();
  });
});

describe('olderPageRequest', () => {
  it('asks for the page before the oldest message shown', () => {
    const s = chatting(frame(joined('dev', { history: [chat(40, 'bob', 'x')], more: true })));
    expect(olderPageRequest(s, 'dev')).toEqual({
      type: 'history',
      target: 'dev',
      before: 40,
      limit: 50,
      ref: 'history',
    });
  });

  it('asks for the latest page of a conversation that shows nothing yet', () => {
    const s = chatting(frame(joined('dev')), { type: 'open-dm', nick: 'Bob' });
    expect(olderPageRequest(s, '@bob')).toEqual({
      type: 'history',
      target: '@bob',
      limit: 50,
      ref: 'history',
    });
  });

  it('does not ask twice, past the beginning, or while offline', () => {
    const s = chatting(frame(joined('dev', { history: [chat(40, 'bob', 'x')], more: true })));
    expect(olderPageRequest(run(s, { type: 'older-requested', target: 'dev' }), 'dev')).toBeUndefined();
    expect(olderPageRequest(chatting(frame(joined('dev'))), 'dev')).toBeUndefined();
    const dropped = run(s, {
      type: 'connection',
      event: {
        type: 'status',
        status: { state: 'reconnecting', attempt: 1, retryAt: NOW + 500, reason: 'lost', everOnline: true },
      },
      now: NOW,
    });
    expect(olderPageRequest(dropped, 'dev')).toBeUndefined();
  });
});
