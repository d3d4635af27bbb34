import type { ChatMessage } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { appendNotice, latestSeq, mergeMessages, oldestSeq, type TimelineEntry } from './timeline.js';

const message = (seq: number, text = `m${seq}`): ChatMessage => ({
  type: 'message',
  id: `id${seq}`,
  seq,
  kind: 'chat',
  room: 'dev',
  from: 'alice',
  text,
  ts: 1_000 + seq,
});

const seqs = (entries: readonly TimelineEntry[]) =>
  entries.map((entry) => (entry.type === 'message' ? entry.seq : `notice@${entry.seq}`));

describe('mergeMessages', () => {
  it('appends new messages in order', () => {
    const entries = mergeMessages(mergeMessages([], [message(1), message(2)]), [message(3)]);
    expect(seqs(entries)).toEqual([1, 2, 3]);
  });

  it('shows a message that arrives twice only once', () => {
    const once = mergeMessages([], [message(1), message(2)]);
    const twice = mergeMessages(once, [message(2, 'replayed'), message(3)]);
    expect(seqs(twice)).toEqual([1, 2, 3]);
    expect(twice[1]).toMatchObject({ message: { text: 'm2' } });
    expect(mergeMessages(twice, [message(3)])).toBe(twice);
  });

  it('puts an older page of history before what is shown', () => {
    const recent = mergeMessages([], [message(5), message(6)]);
    expect(seqs(mergeMessages(recent, [message(3), message(4)]))).toEqual([3, 4, 5, 6]);
  });

  it('sorts messages that arrive out of order', () => {
    expect(seqs(mergeMessages([], [message(4), message(2), message(3), message(2)]))).toEqual([2, 3, 4]);
  });
});

describe('appendNotice', () => {
  it('keeps a notice after the message it followed when older history arrives', () => {
    let entries = mergeMessages([], [message(5)]);
    entries = appendNotice(entries, 'topic is X', 'info', 1);
    entries = mergeMessages(entries, [message(6), message(4)]);
    expect(seqs(entries)).toEqual([4, 5, 'notice@5', 6]);
  });
});

describe('latestSeq and oldestSeq', () => {
  it('read the message range and skip notices', () => {
    const entries = appendNotice(mergeMessages([], [message(7), message(9)]), 'x', 'info', 1);
    expect(latestSeq(entries)).toBe(9);
    expect(oldestSeq(entries)).toBe(7);
    expect(latestSeq([])).toBe(0);
    expect(oldestSeq(appendNotice([], 'only a notice', 'info', 1))).toBeUndefined();
  });
});

describe('edits, deletes and reactions in the timeline', () => {
  it('fold into the message they change and stay hidden, so a replay changes nothing', async () => {
    const { chat } = await import('aurora-testkit');
    const original = chat(1, 'bob', 'helo');
    const edit = { ...chat(2, 'bob', 'hello'), kind: 'edit' as const, about: 1 };
    const reaction = { ...chat(3, 'alice', ''), kind: 'reaction' as const, about: 1, emoji: '👍', on: true };
    const once = mergeMessages([], [original, edit, reaction]);
    const twice = mergeMessages(once, [edit, reaction]);
    expect(twice).toBe(once);
    expect(once[0]).toMatchObject({
      message: { text: 'hello', edited: edit.ts, reactions: [{ emoji: '👍', who: ['alice'] }] },
    });
    expect(once.slice(1).every((entry) => entry.type === 'message' && entry.hidden)).toBe(true);
  });
});
