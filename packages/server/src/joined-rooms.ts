/**
 * The rooms a session is in, in the order joined: one name in a field (most connections follow one
 * room), a Set from the second. A Set of one costs about 150 bytes; this object about 40.
 */
export class JoinedRooms implements Iterable<string> {
  private one: string | undefined;
  private many: Set<string> | undefined;

  /** How many rooms. */
  get size(): number {
    if (this.many) return this.many.size;
    return this.one === undefined ? 0 : 1;
  }

  /** Whether the session is in `room`. */
  has(room: string): boolean {
    return this.many ? this.many.has(room) : this.one === room;
  }

  /** Adds a room (nothing changes when it is there already). */
  add(room: string): void {
    if (this.many) this.many.add(room);
    else if (this.one === undefined) this.one = room;
    else if (this.one !== room) {
      this.many = new Set([this.one, room]);
      this.one = undefined;
    }
  }

  /** Removes a room; true when it was there. */
  delete(room: string): boolean {
    if (!this.many) {
      if (this.one !== room) return false;
      this.one = undefined;
      return true;
    }
    if (!this.many.delete(room)) return false;
    if (this.many.size === 1) {
      this.one = this.many.values().next().value;
      this.many = undefined;
    }
    return true;
  }

  *[Symbol.iterator](): Iterator<string> {
    if (this.many) yield* this.many;
    else if (this.one !== undefined) yield this.one;
  }
}
