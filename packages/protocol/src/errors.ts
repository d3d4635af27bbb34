/**
 * Stable error codes carried by `error` frames and by `decode` failures. Clients branch on the code;
 * the message beside it is for people and may change.
 */
export const ErrorCode = {
  /** The frame was not valid JSON text, or was binary. */
  BadFrame: 'bad_frame',
  /** The frame was larger than the server accepts. */
  FrameTooLarge: 'frame_too_large',
  /** The JSON had no known `type`. */
  UnknownType: 'unknown_type',
  /** The message had a known type but a missing or invalid field. */
  BadMessage: 'bad_message',
  /** `hello.v` names a protocol version this server does not speak. */
  UnsupportedVersion: 'unsupported_version',
  /** Something other than `hello` arrived before `welcome`. */
  HelloRequired: 'hello_required',
  /** A second `hello` arrived after `welcome`. */
  AlreadyGreeted: 'already_greeted',
  /** The nickname breaks the name rules; the message says which. */
  NameInvalid: 'name_invalid',
  /** Another live connection holds a name with the same canonical form. */
  NameTaken: 'name_taken',
  /** The name belongs to an account; log in to use it. */
  NameRegistered: 'name_registered',
  /** The room name breaks the room rules. */
  RoomInvalid: 'room_invalid',
  /** The request names a room this connection has not joined. */
  NotInRoom: 'not_in_room',
  /** Joining would pass the per-connection room limit. */
  TooManyRooms: 'too_many_rooms',
  /** A direct message or lookup named nobody who is online. */
  NoSuchUser: 'no_such_user',
  /** The sender is over the message rate; wait and retry. */
  RateLimited: 'rate_limited',
  /** Wrong name or password, or a login token that is unknown, expired or revoked. */
  AuthFailed: 'auth_failed',
  /** Too many failed log-ins for this account or address; `retryAfterMs` says when to try again. */
  LoginThrottled: 'login_throttled',
  /** A password reset code that is wrong, already used or expired (or names no account). */
  BadResetCode: 'bad_reset_code',
  /** The password is too short or too long. */
  PasswordInvalid: 'password_invalid',
  /** The name belonged to an account deleted lately; it can be registered again after the hold. */
  NameHeld: 'name_held',
  /** The request needs a logged-in connection. */
  LoginRequired: 'login_required',
  /** A search query cannot be run (unknown filter, too long, nothing to search for); the message says why. */
  BadQuery: 'bad_query',
  /** A highlight keyword is empty, too long, or not one word; the message says which. */
  KeywordInvalid: 'keyword_invalid',
  /** The account has as many highlight keywords as it may have; remove one first. */
  TooManyKeywords: 'too_many_keywords',
  /** The account ignores as many people as it may; stop ignoring one first. */
  TooManyIgnored: 'too_many_ignored',
  /** The account has levels or mutes for as many targets as it may have; reset some first. */
  TooManyPrefs: 'too_many_prefs',
  /** This server keeps no search index (`aurora-server --search-index off`): nothing can be searched. */
  SearchUnavailable: 'search_unavailable',
  /** The action needs an operator (or owner) of the room: changing a protected topic, kick, ban, mute. */
  NotOperator: 'not_operator',
  /** The action needs an owner of the room: `op` and `deop`. */
  NotOwner: 'not_owner',
  /** The action needs a server admin: `kill` and server-wide bans. */
  NotAdmin: 'not_admin',
  /** The target is an owner or a server admin (operators cannot act on them), or the room's last owner. */
  TargetProtected: 'target_protected',
  /** You are banned from the room, or from the server (at `hello`); the message says until when. */
  Banned: 'banned',
  /** You are muted in the room: you may read but not speak; the message says until when. */
  Muted: 'muted',
  /** `claim`: the room already has an owner. */
  RoomOwned: 'room_owned',
  /** The room's ban list is full (`MODERATION_LIMITS.maxBansPerRoom`); lift an old ban first. */
  BanListFull: 'ban_list_full',
  /** You were kicked from the room and came back too often; `retryAfterMs` says when to try again. */
  RejoinThrottled: 'rejoin_throttled',
  /** The room is moderated: only its operators, owners, server admins and voiced people speak. */
  Moderated: 'moderated',
  /** The room is invite-only (`/mode +i`): an operator must `/invite` your account first. */
  InviteOnly: 'invite_only',
  /** The room has a join password (`/mode +k`) and the join carried none, or a wrong one. */
  BadRoomPassword: 'bad_room_password',
  /** The room's invite list is full (`MODERATION_LIMITS.maxInvitesPerRoom`); revoke an old invite first. */
  InviteListFull: 'invite_list_full',
  /**
   * The room is private or invite-only, and its history, members and search answer only its
   * members (and server admins): join it first.
   */
  NotMember: 'not_member',
  /** A moderation action named nobody it can apply to (not in the room, not banned, no such account). */
  NoSuchTarget: 'no_such_target',
  /** A server admin disconnected you (`kill`); sent just before the close (4003). */
  Killed: 'killed',
  /** An edit or a delete of a message someone else sent: only its author may. */
  NotAuthor: 'not_author',
  /** The message an edit, delete, reaction or reply names does not exist, was deleted, or is a notice. */
  NoSuchMessage: 'no_such_message',
  /** The message is older than the server's edit window (`limits.editWindowMs`): it can no longer be edited. */
  EditWindowClosed: 'edit_window_closed',
  /** The message carries as many different reactions as it may (`limits.maxReactionsPerMessage`). */
  TooManyReactions: 'too_many_reactions',
  /** A reaction is not one emoji nor a known `:shortcode:`; the message says which. */
  BadEmoji: 'bad_emoji',
  /** Storage failed; the message was not stored and may be retried. */
  StoreUnavailable: 'store_unavailable',
  /** An unexpected server fault; the request may be retried. */
  Internal: 'internal',
  /**
   * The server is too busy to greet another connection (a reconnect storm): it closes with 1013;
   * reconnect after `retryAfterMs`, stretched with jitter.
   */
  ServerBusy: 'server_busy',
} as const;

/** One of the stable error codes. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** WebSocket close codes Aurora uses, beside the standard ones. */
export const CloseCode = {
  /** Normal closure, for example `/quit`. */
  Normal: 1000,
  /** The server is shutting down or restarting: reconnect. */
  GoingAway: 1001,
  /** A protocol violation the connection cannot recover from. */
  ProtocolError: 1002,
  /** Policy: too many requests in flight on one connection. */
  PolicyViolation: 1008,
  /** A frame was larger than `maxFrameBytes`. */
  MessageTooBig: 1009,
  /** Unexpected server fault. */
  InternalError: 1011,
  /** No `hello` arrived in time. */
  HelloTimeout: 4000,
  /** The connection stopped answering pings. */
  Unresponsive: 4001,
  /** The session this connection logged in with was logged out or revoked. */
  LoggedOut: 4002,
  /** A server admin disconnected this person (`kill`), or their account was banned server-wide. */
  Killed: 4003,
  /** The server is overloaded (`server_busy`): reconnect after the `retryAfterMs` it sent. */
  TryAgainLater: 1013,
} as const;

/** One of the close codes Aurora sends. */
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
