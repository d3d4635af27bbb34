import { type ChatMessage, canonicalName, inDirectConversation, sameName } from 'aurora-protocol';

/**
 * Where a message belongs in the client: a room name (`dev`), or `@` and the canonical name of the
 * other person for a direct conversation (`@alice`), so `Alice` and `alice` share one conversation.
 */
export type TargetKey = string;

/** The key of a room, given its canonical name as the server sends it. */
export function roomKey(room: string): TargetKey {
  return room;
}

/** The key of the direct conversation with `nick`. */
export function dmKey(nick: string): TargetKey {
  return `@${canonicalName(nick)}`;
}

/** True for the keys of direct conversations. */
export function isDmKey(key: TargetKey): boolean {
  return key.startsWith('@');
}

/** The key a wire target (`dev` or `@Alice`, in `history` and `resumed`) refers to. */
export function keyOfWireTarget(target: string): TargetKey {
  return target.startsWith('@') ? dmKey(target.slice(1)) : roomKey(target);
}

/** Where a message belongs and, for a direct message, who the other person is. */
export interface MessagePlace {
  readonly key: TargetKey;
  /** The room name, or the other person's nick. */
  readonly name: string;
  readonly isDm: boolean;
}

/** Places a message: its room, or the conversation with whoever is not `me`. */
export function placeMessage(message: ChatMessage, me: string | undefined): MessagePlace | undefined {
  if (inDirectConversation(message)) {
    const other = me !== undefined && sameName(message.from, me) ? message.to : message.from;
    return other ? { key: dmKey(other), name: other, isDm: true } : undefined;
  }
  return message.room ? { key: roomKey(message.room), name: message.room, isDm: false } : undefined;
}
