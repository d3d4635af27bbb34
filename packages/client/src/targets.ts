import { type ChatMessage, canonicalName, inDirectConversation, sameName } from 'aurora-protocol';

/** The target that holds notices when no room or conversation is open. */
export const HOME = '*';

/**
 * The key of the direct conversation with `nick`: `@` plus the canonical name, so `Bob` and `BOB`
 * (one person to the server) are one conversation. Rooms are keyed by their canonical room name.
 */
export function dmTarget(nick: string): string {
  return `@${canonicalName(nick)}`;
}

/** True for a direct-conversation target (`@nick`); rooms never start with `@`. */
export function isDmTarget(target: string): boolean {
  return target.startsWith('@');
}

/** The nick part of a direct-conversation target. */
export function dmPeer(target: string): string {
  return target.slice(1);
}

/** The target a wire name (`dev`, or `@Bob` in `history` and `resumed`) refers to. */
export function targetOfWire(wire: string): string {
  return isDmTarget(wire) ? dmTarget(dmPeer(wire)) : wire;
}

/** Where a message belongs: its target, and the room or the other person's name as spelled. */
export interface MessagePlace {
  /** The room, or `@` and the other person's canonical name. */
  readonly target: string;
  /** The room name, or the other person's nick as the message spells it. */
  readonly name: string;
  readonly isDm: boolean;
}

/** Places a message: its room, or the conversation with whoever of its two ends is not `me`. */
export function messagePlace(message: ChatMessage, me: string | undefined): MessagePlace | undefined {
  if (inDirectConversation(message)) {
    const other = me !== undefined && sameName(message.from, me) ? message.to : message.from;
    return other === undefined ? undefined : { target: dmTarget(other), name: other, isDm: true };
  }
  return message.room === undefined ? undefined : { target: message.room, name: message.room, isDm: false };
}
