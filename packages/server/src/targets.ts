// Internal keys for what messages are stored under. Rooms and direct conversations each have their
// own sequence; the wire speaks of them as `dev` and `@nick`.

/** The storage key of a room. */
export function roomKey(room: string): string {
  let key = roomKeys.get(room);
  if (key === undefined) {
    if (roomKeys.size >= REMEMBERED_ROOM_KEYS) roomKeys.clear();
    key = `room:${room}`;
    roomKeys.set(room, key);
  }
  return key;
}

/**
 * Each room's key, made once: every member's session keeps its room's key (the last seq it was sent
 * there), and a string made per join cost each connection 24 bytes. A memo, not state: any key it
 * returns equals the one it would make; past its bound it starts over.
 */
const roomKeys = new Map<string, string>();
const REMEMBERED_ROOM_KEYS = 10_000;

/** The storage key of the direct conversation between two people, given their canonical names. */
export function dmKey(a: string, b: string): string {
  return a < b ? `dm:${a} ${b}` : `dm:${b} ${a}`;
}

const USER_CHANNEL_PREFIX = 'user:';

/** The broker channel that reaches every connection of one person. */
export function userChannel(canonical: string): string {
  return `${USER_CHANNEL_PREFIX}${canonical}`;
}

/** The canonical name whose {@link userChannel} this is, or undefined for any other channel. */
export function personOfChannel(channel: string): string | undefined {
  return channel.startsWith(USER_CHANNEL_PREFIX) ? channel.slice(USER_CHANNEL_PREFIX.length) : undefined;
}
