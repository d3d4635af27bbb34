import { chat } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { ItemList, itemWeight } from './item-list.js';
import { type ChatItem, messageOrder } from './items.js';

const item = (seq: number): ChatItem => ({
  kind: 'message',
  order: messageOrder(seq),
  message: chat(seq, 'bob', `text ${seq}`),
  mine: false,
  mention: false,
});
const items = (first: number, last: number) =>
  Array.from({ length: last - first + 1 }, (_, i) => item(first + i));
const seqs = (list: ItemList) => [...list].map((i) => (i.kind === 'message' ? i.message.seq : i.kind));

describe('ItemList', () => {
  it('pages older history in front, newest page first, as scrolling back does', () => {
    let list = ItemList.of(items(901, 1000));
    for (let last = 900; last >= 1; last -= 100) list = list.prepend(items(last - 99, last));
    expect(list.length).toBe(1000);
    expect(seqs(list)).toEqual(items(1, 1000).map((_, i) => i + 1));
    expect(list.at(0)).toBe(list.get(0));
    expect(list.at(-1)).toBe(list.get(999));
    expect(list.at(1000)).toBeUndefined();
  });

  it('keeps every version as it was when another prepends or appends to the same backing', () => {
    const base = ItemList.of(items(10, 12));
    const older = base.prepend(items(7, 9));
    const otherOlder = base.prepend(items(5, 9));
    const newer = older.append([item(13)]);
    const otherNewer = older.append([item(14)]);
    const oldest = older.prepend(items(4, 6));
    expect(seqs(base)).toEqual([10, 11, 12]);
    expect(seqs(older)).toEqual([7, 8, 9, 10, 11, 12]);
    expect(seqs(otherOlder)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    expect(seqs(newer)).toEqual([7, 8, 9, 10, 11, 12, 13]);
    expect(seqs(otherNewer)).toEqual([7, 8, 9, 10, 11, 12, 14]);
    expect(seqs(oldest)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(newer.toArray().map((i) => i.order)).toEqual([7, 8, 9, 10, 11, 12, 13].map(messageOrder));
  });

  it('knows its weight through appends, prepends and dropping its oldest items', () => {
    const sum = (list: ItemList) => list.toArray().reduce((total, i) => total + itemWeight(i), 0);
    let list = ItemList.of([item(5), item(6)]);
    list = list.append([item(7)]).prepend([item(3), item(4)]);
    expect(list.weight).toBe(sum(list));
    const rest = list.withoutFirst(2);
    expect(rest.toArray().map((i) => i.order)).toEqual([5, 6, 7].map(messageOrder));
    expect(rest.weight).toBe(sum(rest));
    expect(list.length).toBe(5); // unchanged
  });

  it('never shares the empty list between targets', () => {
    const a = ItemList.empty.append([item(1)]);
    const b = ItemList.empty.append([item(2)]);
    const c = ItemList.empty.prepend([item(3)]);
    expect([seqs(a), seqs(b), seqs(c), ItemList.empty.length]).toEqual([[1], [2], [3], 0]);
  });
});
