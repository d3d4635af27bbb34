import { describe, expect, it } from 'vitest';
import { applyMessageEvent, hasReacted } from './message-events.js';
import type { ChatMessage } from './schema/common.js';

const original: ChatMessage = {
  type: 'message',
  id: 'm1',
  seq: 3,
  kind: 'chat',
  room: 'dev',
  from: 'ann',
  text: 'helo',
  ts: 10,
};

function event(seq: number, fields: Partial<ChatMessage>): ChatMessage {
  return {
    type: 'message',
    id: `e${seq}`,
    seq,
    kind: 'edit',
    room: 'dev',
    from: 'ann',
    text: '',
    ts: 100 + seq,
    about: 3,
    ...fields,
  };
}

describe('applyMessageEvent', () => {
  it('an edit replaces the text and marks it edited, keeping id, seq, sender and time', () => {
    const edited = applyMessageEvent(original, event(5, { text: 'hello' }));
    expect(edited).toEqual({ ...original, text: 'hello', edited: 105, rev: 5 });
  });

  it('a delete leaves a placeholder without text, reactions or edit mark, and nothing changes it after', () => {
    const reacted = applyMessageEvent(
      original,
      event(4, { kind: 'reaction', emoji: '👍', on: true, from: 'bob' }),
    );
    const deleted = applyMessageEvent(
      applyMessageEvent(reacted, event(5, { text: 'x' })),
      event(6, { kind: 'delete' }),
    );
    expect(deleted).toEqual({ ...original, text: '', deleted: true, rev: 6 });
    expect(applyMessageEvent(deleted, event(7, { text: 'back' }))).toBe(deleted);
  });

  it('reactions are one per person per emoji, counted by who, removed when the last one goes', () => {
    let state = original;
    state = applyMessageEvent(state, event(4, { kind: 'reaction', emoji: '👍', on: true, from: 'bob' }));
    state = applyMessageEvent(state, event(5, { kind: 'reaction', emoji: '👍', on: true, from: 'Ann' }));
    state = applyMessageEvent(state, event(6, { kind: 'reaction', emoji: '👍', on: true, from: 'BOB' }));
    expect(state.reactions).toEqual([{ emoji: '👍', who: ['bob', 'Ann'] }]);
    expect(hasReacted(state, '👍', 'ann')).toBe(true);
    state = applyMessageEvent(state, event(7, { kind: 'reaction', emoji: '👍', on: false, from: 'bob' }));
    state = applyMessageEvent(state, event(8, { kind: 'reaction', emoji: '👍', on: false, from: 'ann' }));
    expect(state.reactions).toBeUndefined();
  });

  it('an event already folded into a state read from history changes nothing', () => {
    const now = applyMessageEvent(
      applyMessageEvent(original, event(5, { text: 'b' })),
      event(6, { text: 'c' }),
    );
    expect(applyMessageEvent(now, event(5, { text: 'b' }))).toBe(now);
    expect(applyMessageEvent(original, event(5, { about: 4, text: 'b' }))).toBe(original);
  });
});
