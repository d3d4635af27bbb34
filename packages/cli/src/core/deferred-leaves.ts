/**
 * Leaves that wait for the user's own lines. The server stores a line when it arrives, so a `leave`
 * written while lines to the room are still queued (rate limited, or waiting for a reconnect) would
 * put them after the leave notice. A leave is therefore held until nothing more for its room is
 * waiting for an acknowledgement (stored, or refused for good), then carried out.
 */
export class DeferredLeaves {
  private readonly rooms = new Set<string>();

  /**
   * `holds` says whether lines to a room still wait for their acknowledgement; `leaveNow` carries a
   * leave out.
   */
  constructor(
    private readonly holds: (room: string) => boolean,
    private readonly leaveNow: (room: string) => void,
  ) {}

  /** The user asked to leave `room`: at once when nothing of theirs is on its way there, else later. */
  request(room: string): void {
    if (this.holds(room)) this.rooms.add(room);
    else {
      this.rooms.delete(room);
      this.leaveNow(room);
    }
  }

  /** Forgets a held leave: the user joined again, or the room is left already. */
  cancel(room: string): void {
    this.rooms.delete(room);
  }

  /** A line left the outbox: carries out every held leave whose room has nothing more on its way. */
  settle(): void {
    for (const room of [...this.rooms])
      if (!this.holds(room)) {
        this.rooms.delete(room);
        this.leaveNow(room);
      }
  }
}
