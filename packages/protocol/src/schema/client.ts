import * as v from 'valibot';
import { LIMITS, MEMBERS_PAGE_MAX, MODERATION_LIMITS } from '../limits.js';
import { PREFS_LIMITS } from '../prefs.js';
import { SEARCH_LIMITS } from '../search-query.js';
import {
  ClientId,
  MODERATE_ACTIONS,
  Nick,
  NotifyLevel,
  Ref,
  RoomName,
  remoteRecord,
  Seq,
  Status,
  Text,
  Topic,
} from './common.js';

/**
 * What history and resume cursors are about: a room name (`dev`), or `@nick` for the direct
 * conversation with that person. Names and rooms never start with `@`, so the two cannot clash.
 */
export const Target = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.maxNickLength * 4 + 1));

/** A room's join password (`/mode +k`), as typed. */
export const RoomPassword = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(MODERATION_LIMITS.maxRoomPasswordLength),
);

/** Opens the session: protocol version, who the client is, the nick it wants, rooms to join. */
export const Hello = v.object({
  type: v.literal('hello'),
  v: v.pipe(v.number(), v.safeInteger()),
  client: v.optional(
    v.object({ name: v.pipe(v.string(), v.maxLength(64)), version: v.pipe(v.string(), v.maxLength(64)) }),
  ),
  nick: Nick,
  /** A session token from a log-in; omitted by guests. */
  token: v.optional(v.pipe(v.string(), v.maxLength(256))),
  rooms: v.optional(v.pipe(v.array(RoomName), v.maxLength(LIMITS.maxRoomsPerConnection))),
  /** Join passwords of `rooms` that have one, by room, so a reconnect gets back in. */
  passwords: v.optional(remoteRecord(RoomName, RoomPassword)),
  /** Last seen `seq` per target (room, or `@nick`); the server replays what followed each. */
  resume: v.optional(remoteRecord(Target, Seq)),
  ref: Ref,
});

/**
 * Joins a room, creating it if needed; `since` resumes from a known sequence number; `password`
 * opens a room that has one (an invite, a role or server admin needs none).
 */
export const Join = v.object({
  type: v.literal('join'),
  room: RoomName,
  since: v.optional(Seq),
  password: v.optional(RoomPassword),
  ref: Ref,
});

/** Leaves a room. */
export const Leave = v.object({ type: v.literal('leave'), room: RoomName, ref: Ref });

/**
 * Says something in a room. `cid` makes retries idempotent: a repeated cid is stored once. `replyTo`
 * names the seq of the message (in the same room) this one answers.
 */
export const Say = v.object({
  type: v.literal('say'),
  room: RoomName,
  text: Text,
  cid: ClientId,
  replyTo: v.optional(Seq),
  ref: Ref,
});

/** A `/me` action in a room. */
export const Action = v.object({
  type: v.literal('action'),
  room: RoomName,
  text: Text,
  cid: ClientId,
  replyTo: v.optional(Seq),
  ref: Ref,
});

/** A direct message to one person (every connection of theirs receives it). */
export const DirectMessage = v.object({
  type: v.literal('dm'),
  to: Nick,
  text: Text,
  cid: ClientId,
  replyTo: v.optional(Seq),
  ref: Ref,
});

/**
 * Replaces the text of one's own message `seq` in `target` (a room, or `@nick`), within the edit
 * window. Stored as an `edit` event; answered by `changed`, or an error (`not_author`, ...).
 */
export const Edit = v.object({ type: v.literal('edit'), target: Target, seq: Seq, text: Text, ref: Ref });

/** Deletes one's own message `seq` in `target`: its text is gone from the server. Answered by `changed`. */
export const Delete = v.object({ type: v.literal('delete'), target: Target, seq: Seq, ref: Ref });

/**
 * Puts a reaction on message `seq` in `target` (`on`, the default) or takes it off. `emoji` is one
 * emoji or a `:shortcode:` (`checkEmoji`); the wire bound is loose so a bad one gets `bad_emoji`.
 */
export const React = v.object({
  type: v.literal('react'),
  target: Target,
  seq: Seq,
  emoji: v.pipe(v.string(), v.maxLength(LIMITS.maxEmojiBytes * 2)),
  on: v.optional(v.boolean(), true),
  ref: Ref,
});

/** Typing in a room: `active` true while typing (send at most every 3 s), false when stopped. */
export const Typing = v.object({
  type: v.literal('typing'),
  room: RoomName,
  active: v.optional(v.boolean(), true),
  ref: Ref,
});

/** Changes the connection's nickname. */
export const NickChange = v.object({ type: v.literal('nick'), nick: Nick, ref: Ref });

/** Sets (or with an empty string clears) a room's topic. */
export const SetTopic = v.object({ type: v.literal('topic'), room: RoomName, topic: Topic, ref: Ref });

/** Marks the connection away with an optional message, or back when `away` is false. */
export const Away = v.object({
  type: v.literal('away'),
  away: v.boolean(),
  status: v.optional(Status),
  ref: Ref,
});

/** Lists rooms with member counts and topics. */
export const ListRooms = v.object({ type: v.literal('rooms'), ref: Ref });

/**
 * Lists a room's members, sorted by name: all of them, or with `limit` a page of them starting after
 * the nick `after` (how big rooms are listed).
 */
export const ListMembers = v.object({
  type: v.literal('members'),
  room: RoomName,
  after: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.maxNickLength))),
  limit: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(MEMBERS_PAGE_MAX))),
  ref: Ref,
});

/**
 * Pages the history of a target, oldest first: `before` gives the newest messages older than that
 * seq, `after` the oldest newer than it, both the messages strictly between, neither the newest page.
 */
export const HistoryRequest = v.object({
  type: v.literal('history'),
  target: Target,
  before: v.optional(Seq),
  after: v.optional(Seq),
  limit: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(LIMITS.historyPageMax))),
  ref: Ref,
});

/**
 * Full-text search over every room and conversation the connection may read, newest first. The
 * query syntax is `parseSearchQuery`'s; the server answers `search_results` or `bad_query`. The wire
 * bound on `query` is loose so that a long query gets `bad_query` with a sentence, not `bad_message`.
 * `before` is the `next` cursor of the previous page.
 */
export const SearchRequest = v.object({
  type: v.literal('search'),
  query: v.pipe(v.string(), v.maxLength(LIMITS.maxTextBytes * 4)),
  limit: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(SEARCH_LIMITS.pageMax))),
  before: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1))),
  ref: Ref,
});

/** A password as sent in `register` and `login`; only ever sent, never echoed or logged. */
const Password = v.pipe(v.string(), v.maxLength(LIMITS.maxPasswordLength));

/**
 * The notification preferences a guest's client kept, handed over when the guest registers the name it
 * uses, so the new account starts with them (bounded as the account's own are; see `adoptPrefs`).
 */
const GuestPrefs = v.object({
  levels: v.pipe(
    v.array(v.object({ target: Target, level: NotifyLevel })),
    v.maxLength(PREFS_LIMITS.maxTargets),
  ),
  mutes: v.pipe(
    v.array(v.object({ target: Target, until: v.optional(v.pipe(v.number(), v.safeInteger())) })),
    v.maxLength(PREFS_LIMITS.maxTargets),
  ),
  keywords: v.pipe(v.array(v.pipe(v.string(), v.maxLength(256))), v.maxLength(PREFS_LIMITS.maxKeywords)),
  ignored: v.optional(v.pipe(v.array(Nick), v.maxLength(PREFS_LIMITS.maxIgnored)), () => []),
});

/**
 * Creates an account for a name and logs in: answered by `auth` with a session token. A guest
 * registering may hand over the preferences its client kept (`prefs`), which the account starts with.
 */
export const Register = v.object({
  type: v.literal('register'),
  name: Nick,
  password: Password,
  prefs: v.optional(GuestPrefs),
  ref: Ref,
});

/** Logs in to an account: answered by `auth` with a new session token. */
export const Login = v.object({ type: v.literal('login'), name: Nick, password: Password, ref: Ref });

/** Ends this connection's session, or with `everywhere` every session of the account. */
export const Logout = v.object({
  type: v.literal('logout'),
  everywhere: v.optional(v.boolean(), false),
  ref: Ref,
});

/**
 * Changes the logged-in account's password, given the current one. The account's other sessions end
 * (their connections close with 4002) unless `keepSessions`; this connection's session goes on.
 * Answered by `password_changed`.
 */
export const ChangePassword = v.object({
  type: v.literal('password'),
  current: Password,
  next: Password,
  keepSessions: v.optional(v.boolean(), false),
  ref: Ref,
});

/**
 * Deletes the logged-in account, given its password: its sessions, read markers and preferences go,
 * its name is held from registration for a while, its messages stay. Answered by `account_deleted`,
 * then every connection of the account closes with 4002.
 */
export const DeleteAccount = v.object({ type: v.literal('delete_account'), password: Password, ref: Ref });

/**
 * Sets a new password with the one-time code an admin printed (`aurora-server admin reset-password`),
 * from any connection, logged in or not: the code works once, every session of the account ends.
 * Answered by `password_changed`; a wrong, used or expired code by `bad_reset_code`.
 */
export const ResetPassword = v.object({
  type: v.literal('reset_password'),
  name: Nick,
  code: v.pipe(v.string(), v.maxLength(LIMITS.maxResetCodeLength)),
  next: Password,
  ref: Ref,
});

/** Marks a target (room or `@nick`) read up to `seq`; synced to the account's other connections. */
export const MarkRead = v.object({ type: v.literal('read'), target: Target, seq: Seq, ref: Ref });

/** Sets the account's notification level of a target (room or `@nick`); answered by `prefs`. */
export const SetNotify = v.object({
  type: v.literal('notify'),
  target: Target,
  level: NotifyLevel,
  ref: Ref,
});

/** Mutes a target for `forMs` milliseconds (on the server's clock), or until `unmute` without it. */
export const Mute = v.object({
  type: v.literal('mute'),
  target: Target,
  forMs: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(PREFS_LIMITS.maxMuteMs))),
  ref: Ref,
});

/** Ends a target's mute. */
export const Unmute = v.object({ type: v.literal('unmute'), target: Target, ref: Ref });

/**
 * Adds or removes a highlight keyword (a word that counts as a mention). The wire bound is loose, so
 * that a keyword breaking the rules gets `keyword_invalid` with a sentence, not `bad_message`.
 */
export const Highlight = v.object({
  type: v.literal('highlight'),
  op: v.picklist(['add', 'remove']),
  word: v.pipe(v.string(), v.maxLength(PREFS_LIMITS.maxKeywordLength * 4)),
  ref: Ref,
});

/**
 * Ignores a person (`add`) or stops (`remove`), on every device of the account: their messages,
 * typing and mentions are hidden, by canonical name. The wire bound is loose, so that a name breaking
 * the rules gets `name_invalid` with a sentence, not `bad_message`.
 */
export const Ignore = v.object({
  type: v.literal('ignore'),
  op: v.picklist(['add', 'remove']),
  name: v.pipe(v.string(), v.maxLength(LIMITS.maxNickLength * 4)),
  ref: Ref,
});

/**
 * A moderation action on a person in `room` (see PROTOCOL.md, Moderation): `kick`, `ban`/`unban`,
 * `mute`/`unmute`, `op`/`deop`, and a server admin's `kill`. `ban` without a room bans server-wide
 * (admins only). `forMs` bounds a ban or mute; without it, it lasts until lifted. Answered by
 * `moderated`, or an error with a stable code.
 */
export const Moderate = v.object({
  type: v.literal('moderate'),
  action: v.picklist(MODERATE_ACTIONS),
  name: Nick,
  room: v.optional(RoomName),
  forMs: v.optional(
    v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(MODERATION_LIMITS.maxDurationMs)),
  ),
  reason: v.optional(v.pipe(v.string(), v.maxLength(MODERATION_LIMITS.maxReasonLength))),
  ref: Ref,
});

/** A registered account takes a room that has no owner (a guest made it). Answered by `moderated`. */
export const Claim = v.object({ type: v.literal('claim'), room: RoomName, ref: Ref });

/** Lists a room's bans (operators), or without a room the server-wide ones (admins). */
export const ListBans = v.object({ type: v.literal('bans'), room: v.optional(RoomName), ref: Ref });

/**
 * Reads a room's settings, or with `set` changes them (operators, owners, server admins): each
 * field given turns a setting on or off; `password` sets the join password, `null` removes it.
 * Answered by `mode` with the settings as they now are.
 */
export const Mode = v.object({
  type: v.literal('mode'),
  room: RoomName,
  set: v.optional(
    v.object({
      moderated: v.optional(v.boolean()),
      inviteOnly: v.optional(v.boolean()),
      topicProtected: v.optional(v.boolean()),
      private: v.optional(v.boolean()),
      password: v.optional(v.nullable(RoomPassword)),
    }),
  ),
  ref: Ref,
});

/** Lists a room's invites (its operators). Answered by `invites`. */
export const ListInvites = v.object({ type: v.literal('invites'), room: RoomName, ref: Ref });

/** Keep-alive at the application level; answered by `pong` with the same `t`. */
export const Ping = v.object({ type: v.literal('ping'), t: v.optional(v.number()), ref: Ref });

/** Every message a client may send, told apart by `type`. */
export const ClientMessage = v.variant('type', [
  Hello,
  Join,
  Leave,
  Say,
  Action,
  DirectMessage,
  Edit,
  Delete,
  React,
  Typing,
  NickChange,
  SetTopic,
  Away,
  ListRooms,
  ListMembers,
  HistoryRequest,
  SearchRequest,
  Ping,
  Register,
  Login,
  Logout,
  ChangePassword,
  DeleteAccount,
  ResetPassword,
  MarkRead,
  SetNotify,
  Mute,
  Unmute,
  Highlight,
  Ignore,
  Moderate,
  Claim,
  ListBans,
  Mode,
  ListInvites,
]);

/** A message from a client to the server. */
export type ClientMessage = v.InferOutput<typeof ClientMessage>;
/** What a client may write before defaults are filled in (for example `typing` without `active`). */
export type ClientMessageInput = v.InferInput<typeof ClientMessage>;
/** The client message of one `type`. */
export type ClientMessageOf<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;
