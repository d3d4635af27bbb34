import { canonicalName } from 'aurora-protocol';

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
