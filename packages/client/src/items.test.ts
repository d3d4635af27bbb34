import { chat } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { ItemList } from './item-list.js';
import { type ChatItem, mergeMessages, messageOrder } from './items.js';

const item = (seq: number, id = `m${seq}`): Extract<ChatItem, { kind: 'message' }> => ({
  kind: 'message',
  order: messageOrder(seq),
  message: chat(seq, 'bob', `text ${seq}`, { id }),
  mine: false,
  mention: false,
});
const seqs = (items: ItemList) => items.toArray().map((i) => (i.kind === 'message' ? i.message.seq : i.kind));
const list = (...items: ChatItem[]) => ItemList.of(items);

describe('mergeMessages', () => {
  it('appends without disturbing an earlier version of the list', () => {
    const before = list(item(1), item(2));
    const a = mergeMessages(before, [item(3)]).items;
    const b = mergeMessages(before, [item(4)]).items;
    expect(seqs(before)).toEqual([1, 2]);
    expect(seqs(a)).toEqual([1, 2, 3]);
    expect(seqs(b)).toEqual([1, 2, 'gap', 4]);
  });

  it('appends new messages and skips ones it has', () => {
    const result = mergeMessages(list(item(1), item(2)), [item(2), item(3)]);
    expect(seqs(result.items)).toEqual([1, 2, 3]);
    expect(result.added).toBe(1);
  });

  it('puts a page of older history in front', () => {
    const result = mergeMessages(list(item(5), item(6)), [item(2), item(3), item(4)]);
    expect(seqs(result.items)).toEqual([2, 3, 4, 5, 6]);
    expect(result.added).toBe(3);
  });

  it('marks the hole after a page from further back (a jump to an old message)', () => {
    const result = mergeMessages(list(item(150), item(151)), [item(9), item(10), item(11)]);
    expect(seqs(result.items)).toEqual([9, 10, 11, 'gap', 150, 151]);
    expect(result.added).toBe(3);
  });

  it('drops the mark of a hole once pages fill it', () => {
    const jumped = mergeMessages(list(item(150), item(151)), [item(9), item(10)]).items;
    const half = mergeMessages(jumped, [item(140), item(141)]).items;
    expect(seqs(half)).toEqual([9, 10, 'gap', 140, 141, 'gap', 150, 151]);
    const closed = mergeMessages(
      half,
      Array.from({ length: 129 }, (_, i) => item(11 + i)),
    ).items;
    expect(seqs(closed)).toEqual([...Array.from({ length: 133 }, (_, i) => 9 + i), 'gap', 150, 151]);
  });

  it('fills a hole in the middle and marks holes it cannot fill', () => {
    expect(seqs(mergeMessages(list(item(1), item(4)), [item(2), item(3)]).items)).toEqual([1, 2, 3, 4]);
    expect(seqs(mergeMessages(list(item(1)), [item(7)]).items)).toEqual([1, 'gap', 7]);
  });

  it('reports a reset when a seq comes back with another id', () => {
    const result = mergeMessages(list(item(1), item(2)), [item(1, 'other')]);
    expect(result.reset).toBe(true);
    expect(seqs(result.items)).toEqual([1]);
  });

  it('returns the same array when nothing is new', () => {
    const items = list(item(1), item(2));
    expect(mergeMessages(items, [item(1)]).items).toBe(items);
    expect(mergeMessages(items, []).items).toBe(items);
  });
});
