import { callsAt, notificationDue } from 'aurora-client';
import type { Arrival } from './arrivals.js';

/** What a room or conversation asks to be told about: every message, mentions, or nothing. */
export type NotifyLevel = 'all' | 'mentions' | 'none';

/** Whether the terminal has focus, from its focus reports (CSI I, CSI O); unknown until the first. */
export type TerminalFocus = 'focused' | 'unfocused' | 'unknown';

/** What the decision needs besides the message. */
export interface NotifyContext {
  /** The user's name. */
  readonly me: string;
  /** The room or conversation on screen. */
  readonly current: string;
  readonly focus: TerminalFocus;
  /**
   * The level of a target (a room, or `@name`): the engine's `levelNow`, from the account's (or the
   * guest's) preferences, so a muted target is `none` until its mute ends.
   */
  readonly level: (target: string) => NotifyLevel;
}

/**
 * Every room and conversation at the default level: mentions, and direct messages (which count as
 * mentions). What a target nobody set a level for is at; the chat asks `levelNow` instead.
 */
export const DEFAULT_LEVEL = (_target: string): NotifyLevel => 'mentions';

/**
 * Whether an arrival deserves a desktop notification: never one's own message or a notice; a
 * mention or direct message, or any message where the level is `all`; and not in the room on
 * screen while the terminal has focus. Unknown focus counts as focus for the room on screen only,
 * so a terminal that never reports focus still notifies about every other room.
 */
export function shouldNotify(arrival: Arrival, context: NotifyContext): boolean {
  const watching = arrival.target === context.current && context.focus !== 'unfocused';
  const calls = callsAt(context.level(arrival.target), arrival.mention);
  return notificationDue(arrival.message, context.me, calls, watching);
}
