import * as oneOrSet from './one-or-set.js';

/**
 * The rooms a session is in, in the order joined: one name (most connections follow one room), a
 * Set from the second.
 */
export class JoinedRooms implements Iterable<string> {
  private held: oneOrSet.OneOrSet<string> | undefined;

  /** How many rooms. */
  get size(): number {
    return oneOrSet.size(this.held);
  }

  /** Whether the session is in `room`. */
  has(room: string): boolean {
    return oneOrSet.has(this.held, room);
  }

  /** Adds a room (nothing changes when it is there already). */
  add(room: string): void {
    this.held = oneOrSet.add(this.held, room);
  }

  /** Removes a room; true when it was there. */
  delete(room: string): boolean {
    if (!this.has(room)) return false;
    this.held = oneOrSet.remove(this.held, room);
    return true;
  }

  [Symbol.iterator](): Iterator<string> {
    return oneOrSet.values(this.held)[Symbol.iterator]();
  }
}
