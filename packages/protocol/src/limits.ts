/** Version of the wire protocol this package describes; sent in `hello` and `welcome`. */
export const PROTOCOL_VERSION = 1;

/**
 * Numbers every side enforces the same way. The server may be configured tighter or looser; it
 * announces the values in force in `welcome.limits`, and clients should prefer those.
 */
export const LIMITS = {
  /** Longest message text, in UTF-8 bytes. */
  maxTextBytes: 4096,
  /** Largest WebSocket frame a server accepts, in bytes. */
  maxFrameBytes: 64 * 1024,
  /** Longest nickname, in code points (after NFKC). */
  maxNickLength: 32,
  /** Longest room name, in characters. */
  maxRoomLength: 32,
  /** Longest topic, in code points. */
  maxTopicLength: 300,
  /** Longest away message, in code points. */
  maxStatusLength: 200,
  /** Messages a room sends on join when no cursor is given. */
  joinHistory: 50,
  /** Default and largest page a `history` request may ask for. */
  historyPageDefault: 50,
  historyPageMax: 1000,
  /** Rooms a `hello` may join at once, and rooms one connection may be in. */
  maxRoomsPerConnection: 64,
  /** Longest client-chosen identifier (`cid`, `ref`). */
  maxIdLength: 64,
  /** A sender's typing notices are relayed at most this often per room. */
  typingIntervalMs: 3000,
  /** A typing indicator that is not renewed disappears after this long. */
  typingExpiryMs: 6000,
  /** Shortest and longest password an account may have, in characters. */
  minPasswordLength: 8,
  maxPasswordLength: 1024,
  /** Longest password reset code accepted (`aurora-server admin reset-password` prints shorter ones). */
  maxResetCodeLength: 64,
  /** How long after sending its author may edit a message (servers set it: `--edit-window`). */
  editWindowMs: 24 * 60 * 60 * 1000,
  /** Different emoji one message may carry as reactions; a new one past this is `too_many_reactions`. */
  maxReactionsPerMessage: 20,
  /** Longest reaction emoji, in UTF-8 bytes (a flag or a family of people fits). */
  maxEmojiBytes: 32,
} as const;

/** Bounds of moderation, the same on the server and in every client. */
export const MODERATION_LIMITS = {
  /** Bans one room (or the server-wide list) may hold; past it, `ban_list_full`. */
  maxBansPerRoom: 1000,
  /** Longest reason given with a kick, ban, mute or kill, in code points. */
  maxReasonLength: 200,
  /** Longest ban or mute with an end: a year and a day; without a duration it lasts until lifted. */
  maxDurationMs: 366 * 86_400_000,
  /** Invites one room may hold; past it, `invite_list_full`. */
  maxInvitesPerRoom: 1000,
  /** Longest room join password (`/mode +k`), in UTF-16 code units. */
  maxRoomPasswordLength: 64,
} as const;

/**
 * Requests one connection may have waiting for the server; past this the server closes it (1008).
 * Clients keep well under it: see `SEND_WINDOW`.
 */
export const MAX_QUEUED_REQUESTS = 256;

/**
 * Messages a client writes before their acknowledgements come back. A quarter of the server's queue,
 * so a client with thousands of lines to send never overruns it (and is never closed, reconnected and
 * made to write them all again), and joins or history requests still fit beside them.
 */
export const SEND_WINDOW = MAX_QUEUED_REQUESTS / 4;

/** Largest page of members a `members` request may ask for (`limit`). */
export const MEMBERS_PAGE_MAX = 1000;

/**
 * Rooms with more members than this are big rooms by default (the server's `--big-room` flag): their
 * joins and leaves are not listed person by person, and `joined` carries the first page of members.
 */
export const BIG_ROOM_MEMBERS = 500;

/** The limits a server announces in `welcome`. */
export type Limits = { -readonly [K in keyof typeof LIMITS]: number };

/** Number of UTF-8 bytes in a string, without allocating a buffer. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
