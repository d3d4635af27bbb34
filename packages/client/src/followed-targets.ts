import { ErrorCode, type ServerMessage } from 'aurora-protocol';
import type { Outgoing } from './connection-types.js';
import { type RemoteKeyed, remoteKeyed } from './remote-keyed.js';
import { ResumeCursors } from './resume-cursors.js';
import type { StreamPositions } from './stream-cursor.js';

/** Codes that refuse a join until something changes (an invite, the password, the ban's end). */
const REFUSED_JOINS = new Set<string>([ErrorCode.InviteOnly, ErrorCode.BadRoomPassword, ErrorCode.Banned]);

/**
 * What a connection follows across its sockets: the rooms to be in, the ones joined on the current
 * socket, and a resume cursor per room and conversation, all kept current from server messages.
 */
export class FollowedTargets {
  /** The last seen seq per target, and how the server spells conversation partners. */
  readonly cursors = new ResumeCursors();
  /** Rooms to be in, by canonical room name. */
  readonly #wanted: Set<string>;
  /** Rooms joined on the current socket. */
  readonly #joinedHere = new Set<string>();

  /** Follows `rooms`, from the given positions where there are some (else from the start). */
  constructor(rooms: readonly string[], positions: StreamPositions = remoteKeyed()) {
    this.#wanted = new Set(rooms);
    for (const [target, seq] of Object.entries(positions)) this.cursors.start(target, seq);
  }

  /** The rooms to be in, for `hello.rooms`. */
  get rooms(): string[] {
    return [...this.#wanted];
  }

  /** The user asked to join (true) or leave (false) a room. */
  want(room: string, wanted: boolean): void {
    if (wanted) this.#wanted.add(room);
    else this.#wanted.delete(room);
  }

  /** A new socket: nothing is joined on it yet. */
  newSocket(): void {
    this.#joinedHere.clear();
  }

  /** Keeps rooms and cursors current; `me` tells which side of a conversation is the other person. */
  heard(message: ServerMessage, me: string): void {
    switch (message.type) {
      case 'joined':
        this.#wanted.add(message.room);
        this.#joinedHere.add(message.room);
        this.cursors.joined(message.room, message.seq, message.history.length > 0);
        break;
      case 'left':
        this.#wanted.delete(message.room);
        this.#joinedHere.delete(message.room);
        this.cursors.left(message.room);
        break;
      case 'message':
        this.cursors.seen(message, me);
        break;
      case 'resumed':
        this.cursors.resumed(message.target, message.seq, message.recovered);
        break;
      case 'error':
        // A join refused for good (invite-only, a wrong password, a ban) is not asked again on reconnect.
        if (
          message.room !== undefined &&
          !this.#joinedHere.has(message.room) &&
          REFUSED_JOINS.has(message.code)
        )
          this.#wanted.delete(message.room);
        break;
    }
  }

  /** Whether `room` is wanted but not joined on this socket yet (its join is on its way). */
  joining(room: string): boolean {
    return this.#wanted.has(room) && !this.#joinedHere.has(room);
  }

  /**
   * Whether a message can go on this socket now. A room the user is in waits for its join (so a
   * resume comes first); a room posted to without joining (as `send` does) takes it at once.
   */
  ready(message: Outgoing): boolean {
    return message.kind === 'dm' || this.#joinedHere.has(message.target) || !this.#wanted.has(message.target);
  }

  /** The `hello.resume` record: every conversation, and the rooms still wanted. */
  resume(): RemoteKeyed<number> {
    return this.cursors.resume(this.#wanted);
  }
}
