import { type ChatMessage, inDirectConversation, sameName } from 'aurora-protocol';
import { type RemoteKeyed, remoteKeyed } from './remote-keyed.js';
import { dmPeer, dmTarget, isDmTarget, targetOfWire } from './targets.js';

/**
 * The last `seq` seen per room and direct conversation, which a reconnect sends in `hello.resume` so
 * the server replays exactly what was missed. Conversations are keyed by canonical name (`@bob`) but
 * named on the wire as the server spells the person (`@Bob`).
 */
export class ResumeCursors {
  readonly #seqs = new Map<string, number>();
  readonly #spelling = new Map<string, string>();

  /** How to name a conversation partner on the wire; the first spelling seen wins until the server's. */
  spell(nick: string, fromServer = false): void {
    if (fromServer || !this.#spelling.has(dmTarget(nick))) this.#spelling.set(dmTarget(nick), nick);
  }

  /** The nick to send a direct message to, for a target `@name`. */
  peer(target: string): string {
    return this.#spelling.get(dmTarget(dmPeer(target))) ?? dmPeer(target);
  }

  /** A target as the wire names it: a room, or `@Nick`. */
  wire(target: string): string {
    return isDmTarget(target) ? `@${this.peer(target)}` : target;
  }

  /** Starts `target` (a room, or `@nick` as the server spells the person) at `seq`, before any socket. */
  start(target: string, seq: number): void {
    if (isDmTarget(target)) {
      this.spell(dmPeer(target), true);
      this.#seqs.set(dmTarget(dmPeer(target)), seq);
    } else this.#seqs.set(target, seq);
  }

  /**
   * A room was joined. With history (a first join, or a resume the server could not serve) the room
   * starts afresh at `seq`; a resumed join keeps the cursor until the replayed messages arrive.
   */
  joined(room: string, seq: number, withHistory: boolean): void {
    if (withHistory || !this.#seqs.has(room)) this.#seqs.set(room, seq);
  }

  /** A room was left: nothing to resume there. */
  left(room: string): void {
    this.#seqs.delete(room);
  }

  /** A message arrived; `me` tells which side of a conversation is the other person. */
  seen(message: ChatMessage, me: string): void {
    if (inDirectConversation(message)) {
      const peer = sameName(message.from, me) ? (message.to ?? message.from) : message.from;
      this.spell(peer, true);
      this.#advance(dmTarget(peer), message.seq);
    } else if (message.room !== undefined) {
      this.#advance(message.room, message.seq);
    }
  }

  /** A replay ended; an unrecovered one restarts the target at `seq`. */
  resumed(wireTarget: string, seq: number, recovered: boolean): void {
    const target = targetOfWire(wireTarget);
    if (recovered) this.#advance(target, seq);
    else this.#seqs.set(target, seq);
  }

  /** The `hello.resume` record: every conversation, and the rooms still wanted. */
  resume(rooms: ReadonlySet<string>): RemoteKeyed<number> {
    const wanted = [...this.#seqs].filter(([target]) => isDmTarget(target) || rooms.has(target));
    return remoteKeyed(wanted.map(([target, seq]) => [this.wire(target), seq]));
  }

  /** The user became someone else (logged in or out): their conversations are not this user's. */
  forgetConversations(): void {
    for (const target of this.#seqs.keys()) if (isDmTarget(target)) this.#seqs.delete(target);
  }

  #advance(target: string, seq: number): void {
    if ((this.#seqs.get(target) ?? -1) < seq) this.#seqs.set(target, seq);
  }
}
