import type { ChatItem } from './items.js';

/** What one item costs beyond its text, in the units of {@link itemWeight} (UTF-16 code units). */
const ITEM_OVERHEAD = 64;

/**
 * Roughly what keeping an item costs, in UTF-16 code units: its text (and sender) plus a fixed
 * overhead, so a transcript can be held to a budget of memory and not only of count.
 */
export function itemWeight(item: ChatItem): number {
  switch (item.kind) {
    case 'message':
      return item.message.text.length + item.message.from.length + ITEM_OVERHEAD;
    case 'notice':
      return item.text.length + ITEM_OVERHEAD;
    default:
      return ITEM_OVERHEAD;
  }
}

const weightOf = (items: Iterable<ChatItem>) => {
  let weight = 0;
  for (const item of items) weight += itemWeight(item);
  return weight;
};

/** The array versions share, and the first slot any of them uses (slots before it are free). */
interface Backing {
  readonly slots: (ChatItem | undefined)[];
  front: number;
}

/**
 * An immutable list of transcript items that appends new messages and prepends pages of older
 * history in amortized O(1) per item. Versions share one backing array, with free slots kept in
 * front of the items: a version may append in place only while nothing was appended after it, and
 * prepend in place only while nothing was prepended before it; otherwise it copies (with room in
 * front as large as itself, so paging back through a long history copies O(n) items in all, not
 * O(n) per page). No version ever sees another's items, so the reducer stays pure.
 */
export class ItemList implements Iterable<ChatItem> {
  /** The empty list. */
  static readonly empty: ItemList = ItemList.of([]);

  /** A list holding a copy of `items`. */
  static of(items: Iterable<ChatItem>): ItemList {
    const slots: (ChatItem | undefined)[] = [...items];
    return new ItemList({ slots, front: 0 }, 0, slots.length, weightOf(slots as ChatItem[]));
  }

  private constructor(
    private readonly backing: Backing,
    /** Index of this version's first item in the backing. */
    private readonly start: number,
    /** How many items this version has. */
    readonly length: number,
    /** The sum of the items' {@link itemWeight}s. */
    readonly weight: number,
  ) {}

  /** The item at `index` (0 <= index < length). */
  get(index: number): ChatItem {
    return this.backing.slots[this.start + index]!;
  }

  /** The item at `index`, counting from the end when negative; undefined outside the list. */
  at(index: number): ChatItem | undefined {
    const i = index < 0 ? this.length + index : index;
    return i >= 0 && i < this.length ? this.get(i) : undefined;
  }

  /** This list with `items` after its end. */
  append(items: readonly ChatItem[]): ItemList {
    if (items.length === 0) return this;
    // The empty list starts a backing of its own, or every target would share (and pin) the first.
    if (this.length === 0) return ItemList.of(items);
    const inPlace = this.start + this.length === this.backing.slots.length;
    const list = inPlace ? this : this.copy(0);
    for (const item of items) list.backing.slots.push(item);
    return new ItemList(list.backing, list.start, this.length + items.length, this.weight + weightOf(items));
  }

  /** This list with `items` before its start. */
  prepend(items: readonly ChatItem[]): ItemList {
    if (items.length === 0) return this;
    if (this.length === 0) return ItemList.of(items);
    const inPlace = this.start === this.backing.front && this.start >= items.length;
    const list = inPlace ? this : this.copy(Math.max(items.length, this.length));
    const start = list.start - items.length;
    const { slots } = list.backing;
    for (let i = 0; i < items.length; i++) slots[start + i] = items[i];
    list.backing.front = start;
    return new ItemList(list.backing, start, this.length + items.length, this.weight + weightOf(items));
  }

  /** This list without its first `count` items, in a backing of its own (so they can be collected). */
  withoutFirst(count: number): ItemList {
    if (count <= 0) return this;
    const kept: ChatItem[] = [];
    for (let i = count; i < this.length; i++) kept.push(this.get(i));
    return ItemList.of(kept);
  }

  /** The items as a new array. */
  toArray(): ChatItem[] {
    return this.backing.slots.slice(this.start, this.start + this.length) as ChatItem[];
  }

  *[Symbol.iterator](): Iterator<ChatItem> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }

  /** This version in a backing of its own, with `room` free slots in front. */
  private copy(room: number): ItemList {
    const slots: (ChatItem | undefined)[] = [];
    // Pushed one by one: `new Array(n)` of a large n makes a slow dictionary-backed array.
    for (let i = 0; i < room; i++) slots.push(undefined);
    for (let i = 0; i < this.length; i++) slots.push(this.get(i));
    return new ItemList({ slots, front: room }, room, this.length, this.weight);
  }
}
