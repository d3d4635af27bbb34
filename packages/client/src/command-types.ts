import type { ModeChanges, NotifyLevel } from 'aurora-protocol';

/** What a line typed into the input means. */
export type Command =
  | { readonly type: 'say'; readonly text: string }
  | { readonly type: 'me'; readonly text: string }
  | { readonly type: 'msg'; readonly nick: string; readonly text?: string }
  /** `password`: `/join #room PASSWORD`, for a room with a join password. */
  | { readonly type: 'join'; readonly rooms: readonly string[]; readonly password?: string }
  | { readonly type: 'part'; readonly room?: string }
  | { readonly type: 'nick'; readonly nick: string }
  | { readonly type: 'who'; readonly room?: string }
  | { readonly type: 'rooms' }
  | { readonly type: 'topic'; readonly topic?: string }
  | { readonly type: 'search'; readonly query: string }
  | { readonly type: 'away'; readonly status?: string }
  | { readonly type: 'back' }
  | { readonly type: 'clear' }
  | { readonly type: 'register'; readonly name?: string }
  | { readonly type: 'login'; readonly name?: string }
  | { readonly type: 'logout'; readonly everywhere: boolean }
  /** `/password`: change the account's password; other devices are logged out unless kept. */
  | { readonly type: 'password'; readonly keepSessions: boolean }
  | { readonly type: 'notify'; readonly level?: NotifyLevel }
  /** `forMs` absent: until unmuted. */
  | { readonly type: 'mute'; readonly forMs?: number }
  | { readonly type: 'unmute' }
  /** Without `op`: list the keywords. */
  | { readonly type: 'highlight'; readonly op?: 'add' | 'remove'; readonly word?: string }
  /** `/ignore NAME` (`op` add), `/unignore NAME` (remove); without `name`: list who is ignored. */
  | { readonly type: 'ignore'; readonly op?: 'add' | 'remove'; readonly name?: string }
  /**
   * A moderation action on a person in the room on screen; `server` (`--server`) bans or lifts a
   * ban server-wide instead (admins). `kill` is always server-wide.
   */
  | {
      readonly type: 'moderate';
      readonly action: ModerationCommandAction;
      readonly name: string;
      readonly forMs?: number;
      readonly reason?: string;
      readonly server?: boolean;
    }
  /** Claim the room on screen (a registered account, while it has no owner). */
  | { readonly type: 'claim' }
  /** The bans of the room on screen, or with `server` the server-wide ones. */
  | { readonly type: 'bans'; readonly server?: boolean }
  /** The settings of the room on screen, or (operators) changes to them: `/mode +i -m +k PASSWORD`. */
  | { readonly type: 'mode'; readonly changes?: ModeChanges }
  /** The invites of the room on screen (operators). */
  | { readonly type: 'invites' }
  /** `/edit N TEXT`: N is the message's number (its seq); without N, your last message here. */
  | { readonly type: 'edit'; readonly seq?: number; readonly text: string }
  | { readonly type: 'delete'; readonly seq?: number }
  /** `/react N EMOJI`: puts the reaction on, or takes it off when it is yours already. */
  | { readonly type: 'react'; readonly seq: number; readonly emoji: string }
  | { readonly type: 'reply'; readonly seq: number; readonly text: string }
  /** `/reactions N`: who reacted to message N, with what. */
  | { readonly type: 'reactions'; readonly seq: number }
  /** `/goto N`: show message N (a reply's original), loading the history around it when needed. */
  | { readonly type: 'goto'; readonly seq: number }
  | { readonly type: 'help'; readonly command?: string }
  | { readonly type: 'quit' };

/** The moderation actions a command can ask for. */
export type ModerationCommandAction =
  | 'kick'
  | 'ban'
  | 'unban'
  | 'mute'
  | 'unmute'
  | 'op'
  | 'deop'
  | 'kill'
  | 'voice'
  | 'devoice'
  | 'invite'
  | 'uninvite';

/** A parsed line, or why it is not one: a stable code and a hint for the user. */
export type ParsedInput =
  | { readonly ok: true; readonly command: Command }
  | {
      readonly ok: false;
      readonly code: FailureCode;
      readonly message: string;
    };

/** Why a line is not a command. `secret_argument`: a password was typed on the line (clear it). */
export type FailureCode = 'empty' | 'unknown_command' | 'bad_argument' | 'secret_argument';
