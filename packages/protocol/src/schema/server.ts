import * as v from 'valibot';
import { LIMITS } from '../limits.js';
import {
  ChatMessage,
  Member,
  MessageKind,
  ModerationAction,
  NotifyPrefs,
  Ref,
  Role,
  RoomSettings,
  RoomSummary,
  Seq,
  Timestamp,
} from './common.js';

const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

// One entry per protocol limit, so `welcome.limits` can never fall behind `LIMITS`.
const limitEntries = Object.fromEntries(Object.keys(LIMITS).map((key) => [key, count])) as {
  [K in keyof typeof LIMITS]: typeof count;
};

/** The answer to a successful `hello`: who the connection now is and the limits in force. */
export const Welcome = v.object({
  type: v.literal('welcome'),
  v: v.number(),
  /** Opaque id of this connection's session, for logs and support. */
  session: v.string(),
  nick: v.string(),
  /** The account the connection is logged in as; absent for guests. */
  account: v.optional(v.string()),
  server: v.object({ name: v.string(), version: v.string() }),
  limits: v.object({
    ...limitEntries,
    /** Messages per second a sender may keep up, after a burst of `burst`. */
    ratePerSecond: v.number(),
    burst: count,
  }),
  ref: Ref,
});

/**
 * The state of a room the connection just joined: members, topic and the latest `seq`. On a plain
 * join `history` holds the most recent messages; on a resume it is empty and the missed messages
 * follow as `message` frames, closed by a `resumed` frame.
 */
export const Joined = v.object({
  type: v.literal('joined'),
  room: v.string(),
  topic: v.string(),
  /**
   * Everyone in the room, sorted by name; in a room above the server's big-room threshold only the
   * first page (`memberCount` says how many there are; page the rest with `members`).
   */
  members: v.array(Member),
  /** How many people the room has (sent when `members` is only the first page). */
  memberCount: v.optional(count),
  /**
   * The room's settings as `mode` answers them, so a newcomer sees a moderated or invite-only room
   * before speaking; later changes arrive as `mode` notices. Older servers leave it out.
   */
  settings: v.optional(RoomSettings),
  /** The room's latest sequence number when the state was taken. */
  seq: Seq,
  history: v.array(ChatMessage),
  /** True when messages older than `history` exist (page them with `history`). */
  more: v.boolean(),
  /** Logged-in connections: the account's read marker for the room, and how many messages follow it. */
  read: v.optional(Seq),
  unread: v.optional(count),
  /** Logged-in connections: how many of the unread messages mention the account (`mentionMatcher`). */
  mentions: v.optional(count),
  ref: Ref,
});

/**
 * Confirms that the connection left a room, or tells it that it was put out: `removed` says whether
 * it was kicked (it may come back) or banned (it may not).
 */
export const Left = v.object({
  type: v.literal('left'),
  room: v.string(),
  removed: v.optional(v.picklist(['kicked', 'banned'])),
  ref: Ref,
});

/**
 * Ends the replay of a resumed target (a room, or `@nick` for a direct conversation). `recovered`
 * false means the gap reached past retention: nothing was replayed, and the client should treat the
 * target as freshly joined (for a room, `joined.history` then holds the latest messages).
 */
export const Resumed = v.object({
  type: v.literal('resumed'),
  target: v.string(),
  recovered: v.boolean(),
  /** Messages replayed after the cursor. */
  replayed: count,
  seq: Seq,
});

/** One person of a coalesced `presence` join or leave. */
export const PresencePerson = v.object({
  nick: v.string(),
  account: v.optional(v.boolean()),
  /** On a join: the person's role in the room (see `Member`). */
  role: v.optional(Role),
});

/**
 * Someone joined, left, was renamed, went away or came back. Updates member lists; not stored.
 * Joins and leaves of one room are coalesced per server tick: `people` lists everyone the frame
 * covers (`nick` is the first). In a room above the server's big-room threshold, `people` is left
 * out and only `members` (the room's size) is sent: such a room's list is paged with `members`.
 */
export const Presence = v.object({
  type: v.literal('presence'),
  room: v.string(),
  event: v.picklist(['join', 'leave', 'rename', 'away', 'back']),
  nick: v.string(),
  /** On `join`: true when the person is logged in to the account of that name (see `Member`). */
  account: v.optional(v.boolean()),
  /** On a coalesced `join` or `leave`: everyone it covers, in order. */
  people: v.optional(v.array(PresencePerson)),
  /** On `join` and `leave`: how many people the room has after it. */
  members: v.optional(count),
  /** The old nick on `rename`. */
  from: v.optional(v.string()),
  status: v.optional(v.string()),
  /** On `join`: the person's role in the room (see `Member`). */
  role: v.optional(Role),
});

/** Someone started (`active`) or stopped typing in a room. Stops also come when an indicator expires. */
export const TypingNotice = v.object({
  type: v.literal('typing'),
  room: v.string(),
  nick: v.string(),
  active: v.boolean(),
});

/** A client message was stored: maps the client's `cid` to the server's `id` and `seq`. */
export const Ack = v.object({
  type: v.literal('ack'),
  cid: v.string(),
  id: v.string(),
  seq: Seq,
  room: v.optional(v.string()),
  to: v.optional(v.string()),
  ts: Timestamp,
  ref: Ref,
});

/**
 * Answers `edit`, `delete` and `react`: the change was stored as the event `seq` in `target`
 * (`about` is the message it changed). The event itself arrives as a `message` like any other.
 */
export const Changed = v.object({
  type: v.literal('changed'),
  target: v.string(),
  seq: Seq,
  about: Seq,
  ref: Ref,
});

/** A page of history, oldest first. */
export const HistoryPage = v.object({
  type: v.literal('history'),
  /** The room, or `@nick` for a direct conversation, as asked. */
  target: v.string(),
  messages: v.array(ChatMessage),
  /** True when more messages exist beyond this page in the direction asked. */
  more: v.boolean(),
  /**
   * The target's latest seq, which outlives retention: a cursor past it is from before the server
   * lost its data, while an empty page alone may only mean retention pruned everything or the reader
   * may not see older messages. Absent from servers before it was added.
   */
  seq: v.optional(Seq),
  ref: Ref,
});

/** A piece of a search snippet: plain text, `match` true where it matched (see `searchSnippet`). */
export const SnippetPart = v.object({ text: v.string(), match: v.optional(v.boolean()) });

/** One message that matched a search: where it is, who sent it when, and a marked snippet. */
export const SearchHit = v.object({
  /** The room, or `@nick` for a direct conversation (the other person, or yourself). */
  target: v.string(),
  seq: Seq,
  id: v.string(),
  kind: MessageKind,
  from: v.string(),
  /** As on `message`: the sender was logged in to that account, or a webhook posted it. */
  account: v.optional(v.boolean()),
  bot: v.optional(v.boolean()),
  ts: Timestamp,
  snippet: v.array(SnippetPart),
});

/** Answers `search`: matches newest first; `next`, when present, is the `before` of the next page. */
export const SearchResults = v.object({
  type: v.literal('search_results'),
  results: v.array(SearchHit),
  next: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1))),
  ref: Ref,
});

/** The connection's nickname changed (after `nick`, or set by the server). */
export const NickChanged = v.object({
  type: v.literal('nick'),
  nick: v.string(),
  from: v.string(),
  ref: Ref,
});

/** The rooms on the server. */
export const RoomList = v.object({ type: v.literal('rooms'), rooms: v.array(RoomSummary), ref: Ref });

/** The members of one room, sorted by name; a page of them when the request asked for one. */
export const MemberList = v.object({
  type: v.literal('members'),
  room: v.string(),
  members: v.array(Member),
  /** True when more members follow the last of this page (ask again with `after` its nick). */
  more: v.optional(v.boolean()),
  /** How many people the room has. */
  count: v.optional(count),
  ref: Ref,
});

/** A session token, after `register` or `login`: connect with `hello.token` to use the account. */
export const Auth = v.object({
  type: v.literal('auth'),
  account: v.string(),
  token: v.string(),
  /** Milliseconds since the epoch when the token stops working. */
  expiresAt: Timestamp,
  ref: Ref,
});

/** Confirms `logout`. Connections of a revoked session are then closed with 4002. */
export const LoggedOut = v.object({ type: v.literal('logged_out'), everywhere: v.boolean(), ref: Ref });

/** Confirms `password`: the new password is in force; `sessionsEnded` tells whether other sessions ended. */
export const PasswordChanged = v.object({
  type: v.literal('password_changed'),
  sessionsEnded: v.boolean(),
  ref: Ref,
});

/**
 * Confirms `delete_account`. The name can be registered again from `heldUntil` (milliseconds since
 * the epoch); every connection of the account closes with 4002 next.
 */
export const AccountDeleted = v.object({
  type: v.literal('account_deleted'),
  account: v.string(),
  heldUntil: Timestamp,
  ref: Ref,
});

/** The account's read marker for a target moved (on this or another of its connections). */
export const ReadMarker = v.object({ type: v.literal('read'), target: v.string(), seq: Seq });

/**
 * "While you were away": after `welcome` on a logged-in connection, the mentions of the account's name
 * and the direct messages it received since its read markers, oldest first.
 */
export const Digest = v.object({
  type: v.literal('digest'),
  mentions: v.array(ChatMessage),
  direct: v.array(ChatMessage),
  /** True when there were more than the server lists. */
  truncated: v.boolean(),
});

/**
 * The account's notification preferences, whole: after `welcome` on a logged-in connection, and to
 * every connection of the account whenever they change (on any device). Expired mutes are left out.
 */
export const PrefsMessage = v.object({ type: v.literal('prefs'), ...NotifyPrefs.entries, ref: Ref });

/**
 * A moderation action happened: `by` did `action` to `target` (in `room`, absent for server-wide
 * actions), with `reason`, lasting `until` (ms since the epoch; absent: until lifted). Answers the
 * actor's request (with `ref`), tells the target on every connection of theirs, and tells a room's
 * members when roles change (`op`, `deop`, `claim`) so member lists follow.
 */
export const Moderated = v.object({
  type: v.literal('moderated'),
  action: ModerationAction,
  room: v.optional(v.string()),
  by: v.string(),
  target: v.string(),
  reason: v.optional(v.string()),
  until: v.optional(Timestamp),
  ref: Ref,
});

/** One ban as `bans` lists it; `address` true when a guest's address is banned with the name. */
export const BanEntry = v.object({
  name: v.string(),
  by: v.string(),
  at: Timestamp,
  reason: v.optional(v.string()),
  until: v.optional(Timestamp),
  address: v.optional(v.boolean()),
});

/** Answers `bans`: a room's bans, or without `room` the server-wide ones, oldest first. */
export const BanList = v.object({
  type: v.literal('bans'),
  room: v.optional(v.string()),
  bans: v.array(BanEntry),
  ref: Ref,
});

/** Answers `mode`: a room's settings as they are now (after the change, when it made one). */
export const RoomModes = v.object({
  type: v.literal('mode'),
  room: v.string(),
  settings: RoomSettings,
  ref: Ref,
});

/** One invite as `invites` lists it: the account's name, who invited it and when. */
export const InviteEntry = v.object({ name: v.string(), by: v.string(), at: Timestamp });

/** Answers `invites`: a room's invites, oldest first. */
export const InviteList = v.object({
  type: v.literal('invites'),
  room: v.string(),
  invites: v.array(InviteEntry),
  ref: Ref,
});

/** Answers `ping`. */
export const Pong = v.object({ type: v.literal('pong'), t: v.optional(v.number()), ref: Ref });

/** A request failed, or the server reports a problem. `ref` names the request it answers. */
export const ErrorMessage = v.object({
  type: v.literal('error'),
  /**
   * One of the stable codes in `ErrorCode`; clients should treat unknown codes as generic errors, so
   * any string is accepted (a union of the known codes and `string` accepts no more, and costs the
   * browser bundle valibot's union).
   */
  code: v.string(),
  message: v.string(),
  ref: Ref,
  /** The room or cid the error is about, when there is one. */
  room: v.optional(v.string()),
  cid: v.optional(v.string()),
  /** Milliseconds to wait before retrying (on `rate_limited`). */
  retryAfterMs: v.optional(count),
});

/** Every message a server may send, told apart by `type`. */
export const ServerMessage = v.variant('type', [
  Welcome,
  Joined,
  Left,
  Resumed,
  ChatMessage,
  Presence,
  TypingNotice,
  Ack,
  Changed,
  HistoryPage,
  SearchResults,
  NickChanged,
  RoomList,
  MemberList,
  Pong,
  ErrorMessage,
  Auth,
  LoggedOut,
  PasswordChanged,
  AccountDeleted,
  ReadMarker,
  Digest,
  PrefsMessage,
  Moderated,
  BanList,
  RoomModes,
  InviteList,
]);

/** A message from the server to a client. */
export type ServerMessage = v.InferOutput<typeof ServerMessage>;
/** The server message of one `type`. */
export type ServerMessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;
/** One listed invite. */
export type InviteEntry = v.InferOutput<typeof InviteEntry>;
/** One listed ban. */
export type BanEntry = v.InferOutput<typeof BanEntry>;
/** A piece of a search snippet. */
export type SnippetPart = v.InferOutput<typeof SnippetPart>;
/** One search result. */
export type SearchHit = v.InferOutput<typeof SearchHit>;
/** The limits announced in `welcome`. */
export type ServerLimits = v.InferOutput<typeof Welcome>['limits'];
