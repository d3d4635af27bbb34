import {
  type ChatMessage,
  EMPTY_PREFS,
  isIgnored,
  isMuted,
  type NotifyLevel,
  type NotifyPrefs,
  notifyLevel,
  PREFS_LIMITS,
  sameName,
} from 'aurora-protocol';
import type { ChatState } from './chat-state.js';
import { updateTarget } from './chat-targets.js';
import { ItemList } from './item-list.js';
import type { ChatItem } from './items.js';
import { withoutEntry } from './remote-keyed.js';
import { isDmTarget } from './targets.js';

// How notification preferences (levels, mutes, keywords) decide what a message does: the `!` mark,
// the bell's counters and the terminal's notifications all ask here, so they never disagree.

/** Preferences nobody set: where a client starts, and a guest without a saved file stays. */
export const NO_PREFS: NotifyPrefs = EMPTY_PREFS;

/**
 * What a guest hands to the account it registers (`register.prefs`): what it set, or nothing when it
 * set nothing. Both clients ask here, so they hand over alike.
 */
export function handedOverPrefs(prefs: NotifyPrefs): NotifyPrefs | undefined {
  const { levels, mutes, keywords, ignored } = prefs;
  return levels.length + mutes.length + keywords.length + ignored.length > 0 ? prefs : undefined;
}

/** What one new message from someone else may do, by the preferences of its target. */
export interface Attention {
  /** It marks its target with `!` (a mention or direct message, outside a muted target). */
  readonly highlight: boolean;
  /** It calls for the user (bell, notification): a highlight at `mentions` or `all`, anything at `all`. */
  readonly calls: boolean;
  /** It counts for the bell's "every message" mode: anything outside a muted target or one at `none`. */
  readonly rings: boolean;
}

/**
 * The level a target is at now: `none` while muted (a mute silences everything), else its own.
 * This is what a notification asks (`shouldNotify` in the terminal).
 */
export function levelNow(prefs: NotifyPrefs, target: string, now: number): NotifyLevel {
  return isMuted(prefs, target, now) ? 'none' : notifyLevel(prefs, target);
}

/**
 * What a message from someone else in `target` may do at `now`. A muted target still counts unread
 * but never highlights; a target at `none` keeps its `!` marks but never rings or notifies.
 */
export function attentionOf(prefs: NotifyPrefs, target: string, mention: boolean, now: number): Attention {
  if (isMuted(prefs, target, now)) return { highlight: false, calls: false, rings: false };
  const level = notifyLevel(prefs, target);
  return { highlight: mention, calls: callsAt(level, mention), rings: level !== 'none' };
}

/** Whether a message is worth a notification at `level`: any at `all`, a mention at `mentions`. */
export function callsAt(level: NotifyLevel, mention: boolean): boolean {
  return level === 'all' || (level === 'mentions' && mention);
}

/**
 * Whether a live message calls for a desktop notification, in every client: never a notice or
 * one's own message (a webhook posting under one's name is not one's own), only where the
 * preferences call for it (`calls`, from `attentionOf` or `callsAt`), and never for the
 * conversation the person is watching.
 */
export function notificationDue(
  message: ChatMessage,
  me: string,
  calls: boolean,
  watching: boolean,
): boolean {
  if (message.kind === 'system' || (!message.bot && sameName(message.from, me))) return false;
  return calls && !watching;
}

/**
 * New preferences (from the server, or a guest's own): kept, the `!` marks of targets muted now
 * taken down, since a muted target never highlights, and people ignored now no longer typing.
 * Unread counts stay.
 */
export function onPrefs(state: ChatState, prefs: NotifyPrefs, now: number): ChatState {
  let next: ChatState = { ...state, prefs };
  for (const target of Object.values(state.targets)) {
    if (target.mentions > 0 && isMuted(prefs, target.key, now))
      next = updateTarget(next, target.key, () => ({ mentions: 0 }));
    for (const [key, typist] of Object.entries(target.typing))
      if (isIgnored(prefs, typist.nick))
        next = updateTarget(next, target.key, (t) => ({ typing: withoutEntry(t.typing, key) }));
  }
  return next;
}

/** `#dev` or `@bob`, as preference sentences name a target. */
export function prefsTargetName(target: string): string {
  return isDmTarget(target) ? target : `#${target}`;
}

/** The sentence `/notify`, `/mute` and `/unmute` show: what the target is at now. */
export function targetPrefsText(prefs: NotifyPrefs, target: string, now: number): string {
  const name = prefsTargetName(target);
  const level = notifyLevel(prefs, target);
  const told = {
    all: 'you are told of every message',
    mentions: isDmTarget(target)
      ? 'you are told of every message (direct messages are mentions)'
      : 'you are told of mentions of you and your keywords',
    none: 'you are told of nothing (mentions still show !)',
  }[level];
  if (!isMuted(prefs, target, now)) return `${name}: ${told}.`;
  const until = prefs.mutes.find((mute) => mute.target === target)?.until;
  const muted = until === undefined ? 'until you /unmute' : `for ${durationText(until - now)} more`;
  return `${name} is muted ${muted}: it counts unread but never highlights, rings or notifies. Otherwise ${told}.`;
}

/** The sentence `/highlight` shows: the keywords, and how to change them. */
export function keywordsText(prefs: NotifyPrefs): string {
  if (prefs.keywords.length === 0)
    return 'No highlight keywords. /highlight add WORD makes a word count as a mention of you.';
  return `Highlight keywords (${prefs.keywords.length} of ${PREFS_LIMITS.maxKeywords}): ${prefs.keywords.join(', ')}. /highlight remove WORD takes one away.`;
}

/** The sentence `/ignored` shows: the people ignored, and how to stop. */
export function ignoredText(prefs: NotifyPrefs): string {
  if (prefs.ignored.length === 0) return 'You ignore nobody. /ignore NAME hides a person everywhere.';
  return `You ignore (${prefs.ignored.length} of ${PREFS_LIMITS.maxIgnored}): ${prefs.ignored.join(', ')}. /unignore NAME stops.`;
}

/**
 * Whether a transcript item is hidden because its sender is ignored. Their messages stay in the
 * transcript (so paging, gaps and resets work as before, and /unignore shows them again), and the
 * views leave them out. Notices (join, leave) and the person's own messages always show.
 */
export function hiddenByIgnore(prefs: NotifyPrefs, item: ChatItem): boolean {
  return (
    item.kind === 'message' &&
    !item.mine &&
    item.message.kind !== 'system' &&
    isIgnored(prefs, item.message.from)
  );
}

/** A transcript without the items {@link hiddenByIgnore} hides: the same list while nobody is ignored. */
export function visibleItems(items: ItemList, prefs: NotifyPrefs): ItemList {
  if (prefs.ignored.length === 0) return items;
  const kept = items.toArray().filter((item) => !hiddenByIgnore(prefs, item));
  return kept.length === items.length ? items : ItemList.of(kept);
}

/** A duration in words, rounded up to the minute: `45 minutes`, `2 hours 5 minutes`, `3 days`. */
export function durationText(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [
    days > 0 ? plural(days, 'day') : '',
    hours > 0 ? plural(hours, 'hour') : '',
    rest > 0 && days === 0 ? plural(rest, 'minute') : '',
  ].filter(Boolean);
  return parts.join(' ') || plural(1, 'minute');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
