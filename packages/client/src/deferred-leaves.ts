/**
 * Leaves that wait for what is on its way to their room. The server stores a line when it arrives,
 * so a `leave` written while lines to the room are still queued (rate limited, or waiting for a
 * reconnect) would put them after the leave notice; and one written before the answer to a join of
 * the room would be undone by that join. A leave is therefore held until nothing more is on its way
 * there (lines stored or refused for good, the join answered), then carried out. A leave carried
 * out on a socket is remembered until the server confirms it, so it is never written twice and a
 * socket lost before the confirmation does not leave the room half left.
 */
export class DeferredLeaves {
  readonly #held = new Set<string>();
  readonly #written = new Set<string>();

  /**
   * `holds` says whether something is still on its way to a room (a line waiting for its
   * acknowledgement, a join waiting for its answer); `leaveNow` carries a leave out.
   */
  readonly #holds: (room: string) => boolean;
  readonly #leaveNow: (room: string) => void;

  constructor(holds: (room: string) => boolean, leaveNow: (room: string) => void) {
    this.#holds = holds;
    this.#leaveNow = leaveNow;
  }

  /** The user asked to leave `room`: at once when nothing of theirs is on its way there, else later. */
  request(room: string): void {
    if (this.#written.has(room)) return;
    if (this.#holds(room)) this.#held.add(room);
    else this.#carryOut(room);
  }

  /** Forgets a held leave (the user joined again); true when one was held, and the room never left. */
  cancel(room: string): boolean {
    return this.#held.delete(room);
  }

  /**
   * Something on its way arrived or was lost (an ack, a refusal, a join's answer, a closed socket):
   * carries out every held leave whose room has nothing more on its way.
   */
  settle(): void {
    for (const room of [...this.#held]) if (!this.#holds(room)) this.#carryOut(room);
  }

  /** A leave was written on the socket; the server's `left` (or a `joined` after it) settles it. */
  wrote(room: string): void {
    this.#written.add(room);
  }

  /** The server said the room was left or joined: a leave written for it is settled. */
  confirmed(room: string): void {
    this.#written.delete(room);
  }

  /**
   * The socket closed: the rooms whose written leave the server never confirmed. The next greeting
   * does not name them, so they are left all the same.
   */
  unconfirmed(): string[] {
    const rooms = [...this.#written];
    this.#written.clear();
    return rooms;
  }

  #carryOut(room: string): void {
    this.#held.delete(room);
    this.#leaveNow(room);
  }
}
