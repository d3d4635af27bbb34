import * as oneOrSet from './one-or-set.js';

/**
 * The rooms a session is in, in the order joined: one name (most connections follow one room), a
 * Set from the second.
 */
export class JoinedRooms implements Iterable<string> {
  private joinedRooms: oneOrSet.OneOrSet<string> | undefined;

  /** How many rooms. */
  get size(): number {
    return oneOrSet.size(this.joinedRooms);
  }

  /** Whether the session is in `room`. */
  has(room: string): boolean {
    return oneOrSet.has(this.joinedRooms, room);
  }

  /** Adds a room (nothing changes when it is there already). */
  add(room: string): void {
    this.joinedRooms = oneOrSet.add(this.joinedRooms, room);
  }

  /** Removes a room; true when it was there. */
  delete(room: string): boolean {
    if (!this.has(room)) return false;
    this.joinedRooms = oneOrSet.remove(this.joinedRooms, room);
    return true;
  }

  [Symbol.iterator](): Iterator<string> {
    return oneOrSet.values(this.joinedRooms)[Symbol.iterator]();
  }
}
