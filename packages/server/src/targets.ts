// Internal keys for what messages are stored under. Rooms and direct conversations each have their
// own sequence; the wire speaks of them as `dev` and `@nick`.

/** The storage key of a room. */
export function roomKey(room: string): string {
  return `room:${room}`;
}

/** The storage key of the direct conversation between two people, given their canonical names. */
export function dmKey(a: string, b: string): string {
  return a < b ? `dm:${a} ${b}` : `dm:${b} ${a}`;
}

/** The broker channel that reaches every connection of one person. */
export function userChannel(canonical: string): string {
  return `user:${canonical}`;
}
