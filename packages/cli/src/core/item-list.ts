import type { ChatItem } from './items.js';

/**
 * An immutable list of transcript items that appends in O(1). Versions share one backing array: a
 * version may append in place only while it is the longest (nothing was appended after it), and
 * copies otherwise, so no version ever sees another's items. A room with 100,000 messages then takes
 * a new message without copying 100,000 references, and the reducer stays pure.
 */
export class ItemList implements Iterable<ChatItem> {
  /** The empty list. */
  static readonly empty: ItemList = new ItemList([], 0);

  /** A list holding a copy of `items`. */
  static of(items: Iterable<ChatItem>): ItemList {
    const backing = [...items];
    return new ItemList(backing, backing.length);
  }

  private constructor(
    private readonly backing: ChatItem[],
    /** How many items this version has. */
    readonly length: number,
  ) {}

  /** The item at `index` (0 <= index < length). */
  get(index: number): ChatItem {
    return this.backing[index]!;
  }

  /** The item at `index`, counting from the end when negative; undefined outside the list. */
  at(index: number): ChatItem | undefined {
    const i = index < 0 ? this.length + index : index;
    return i >= 0 && i < this.length ? this.backing[i] : undefined;
  }

  /** This list with `items` after its end. */
  append(items: readonly ChatItem[]): ItemList {
    if (items.length === 0) return this;
    const backing = this.length === this.backing.length ? this.backing : this.backing.slice(0, this.length);
    for (const item of items) backing.push(item);
    return new ItemList(backing, this.length + items.length);
  }

  /** The items as a new array. */
  toArray(): ChatItem[] {
    return this.backing.slice(0, this.length);
  }

  *[Symbol.iterator](): Iterator<ChatItem> {
    for (let i = 0; i < this.length; i++) yield this.backing[i]!;
  }
}
