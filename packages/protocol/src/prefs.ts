import * as v from 'valibot';
import { ErrorCode } from './errors.js';
import { canonicalName, checkNick, checkRoom } from './names.js';
import { type NotifyLevel, NotifyPrefs } from './schema/common.js';

/** Bounds of one account's notification preferences, the same on the server and in every client. */
export const PREFS_LIMITS = {
  /** Highlight keywords one account may have. */
  maxKeywords: 50,
  /** Longest keyword, in code points (after NFKC). */
  maxKeywordLength: 64,
  /**
   * Targets with a level or a mute: well above the rooms one connection may be in (64) plus the
   * conversations a person keeps, and small enough that the whole state is one short frame.
   */
  maxTargets: 500,
  /** Longest mute with an end: a year and a day; longer is "until unmuted". */
  maxMuteMs: 366 * 86_400_000,
  /** People one account may ignore: enough for any troll wave, and small enough to send whole. */
  maxIgnored: 100,
} as const;

/** Preferences nobody set: every target at its default level, nothing muted, no keywords, nobody ignored. */
export const EMPTY_PREFS: NotifyPrefs = { levels: [], mutes: [], keywords: [], ignored: [] };

/**
 * Reads preferences kept as JSON (a server's store, a guest terminal's file) through the schema;
 * undefined when it is not preferences at all. Bounds are not checked here: what was stored passed
 * `changePrefs`.
 */
export function parsePrefs(value: unknown): NotifyPrefs | undefined {
  const parsed = v.safeParse(NotifyPrefs, value);
  return parsed.success ? parsed.output : undefined;
}

/** The level of a target with none set. Direct messages are mentions, so a conversation tells of each. */
export const DEFAULT_NOTIFY_LEVEL: NotifyLevel = 'mentions';

/** One change to the preferences, as the client messages `notify`, `mute`, `unmute` and `highlight` say it. */
export type PrefsChange =
  | { readonly type: 'notify'; readonly target: string; readonly level: NotifyLevel }
  | { readonly type: 'mute'; readonly target: string; readonly forMs?: number | undefined }
  | { readonly type: 'unmute'; readonly target: string }
  | { readonly type: 'highlight'; readonly op: 'add' | 'remove'; readonly word: string }
  | { readonly type: 'ignore'; readonly op: 'add' | 'remove'; readonly name: string };

/** A change refused, with a stable code and a sentence for the person. */
export interface PrefsRefusal {
  readonly ok: false;
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * True when `nick` is someone the preferences ignore. Names compare as the protocol's identity rule
 * does (`sameName`: NFKC, case folding, the frozen look-alike table), so `BOB` and `Воb` are `bob`.
 * Look-alikes beyond that (`B0b`) are other names; the server refuses them while the name they look
 * like is registered or online (`nameSkeleton`), so they cannot pass for an ignored account.
 */
export function isIgnored(prefs: NotifyPrefs, nick: string): boolean {
  if (prefs.ignored.length === 0) return false;
  const key = canonicalName(nick);
  return prefs.ignored.some((name) => canonicalName(name) === key);
}

/** The outcome of {@link changePrefs}. */
export type PrefsOutcome = { readonly ok: true; readonly prefs: NotifyPrefs } | PrefsRefusal;

/**
 * The key preferences are stored under for a wire target: the room's name (`#Dev` is `dev`), or `@`
 * and the canonical name (`@Bob` is `@bob`), the keys clients hold their rooms and conversations by.
 */
export function prefsTarget(target: string): { readonly ok: true; readonly key: string } | PrefsRefusal {
  if (target.startsWith('@')) {
    const checked = checkNick(target.slice(1));
    return checked.ok
      ? { ok: true, key: `@${canonicalName(checked.name)}` }
      : { ok: false, code: ErrorCode.NameInvalid, message: checked.problem.message };
  }
  const checked = checkRoom(target);
  return checked.ok
    ? { ok: true, key: checked.name }
    : { ok: false, code: ErrorCode.RoomInvalid, message: checked.problem.message };
}

// Keywords are words of the characters names are made of (see mentions.ts), so the mention rule can
// find them; they start and end with a letter, mark, digit or `_`, as text words are trimmed so.
const KEYWORD = /^[\p{L}\p{M}\p{N}_](?:[\p{L}\p{M}\p{N}_.-]*[\p{L}\p{M}\p{N}_])?$/u;

/** Checks a highlight keyword: one word, NFKC, at most `maxKeywordLength` code points. */
export function checkKeyword(raw: string): { readonly ok: true; readonly word: string } | PrefsRefusal {
  const word = raw.normalize('NFKC').trim();
  const bad = (message: string): PrefsRefusal => ({ ok: false, code: ErrorCode.KeywordInvalid, message });
  if (word === '') return bad('A keyword cannot be empty.');
  if ([...word].length > PREFS_LIMITS.maxKeywordLength)
    return bad(`A keyword can have at most ${PREFS_LIMITS.maxKeywordLength} characters.`);
  if (!KEYWORD.test(word))
    return bad(
      'A keyword is one word of letters, digits, "_", "-" and "." that starts and ends with a letter, digit or "_".',
    );
  return { ok: true, word };
}

/** True while the target is muted at `now`: a mute without an end, or one that ends later. */
export function isMuted(prefs: NotifyPrefs, target: string, now: number): boolean {
  const mute = prefs.mutes.find((entry) => entry.target === target);
  return mute !== undefined && (mute.until === undefined || mute.until > now);
}

/** The level of a target (its own, or {@link DEFAULT_NOTIFY_LEVEL}); mutes are apart (see {@link isMuted}). */
export function notifyLevel(prefs: NotifyPrefs, target: string): NotifyLevel {
  return prefs.levels.find((entry) => entry.target === target)?.level ?? DEFAULT_NOTIFY_LEVEL;
}

/** The preferences without the mutes that ended by `now` (what is sent and stored). */
export function activePrefs(prefs: NotifyPrefs, now: number): NotifyPrefs {
  const mutes = prefs.mutes.filter((mute) => mute.until === undefined || mute.until > now);
  return mutes.length === prefs.mutes.length ? prefs : { ...prefs, mutes };
}

/**
 * Applies one change at `now` (the server's clock for accounts, the terminal's for guests): the one
 * rule both the server and a guest's terminal use, bounds included. A level equal to the default is
 * dropped rather than stored, as are ended mutes, so resetting frees room under the bounds. Adding a
 * keyword that is already there (in any spelling of it) and removing one that is not change nothing;
 * so do ignoring someone already ignored and unignoring someone who is not.
 */
export function changePrefs(prefs: NotifyPrefs, change: PrefsChange, now: number): PrefsOutcome {
  const current = activePrefs(prefs, now);
  if (change.type === 'highlight') return changeKeywords(current, change.op, change.word);
  if (change.type === 'ignore') return changeIgnored(current, change.op, change.name);
  const target = prefsTarget(change.target);
  if (!target.ok) return target;
  const { key } = target;
  let { levels, mutes } = current;
  switch (change.type) {
    case 'notify':
      levels = levels.filter((entry) => entry.target !== key);
      if (change.level !== DEFAULT_NOTIFY_LEVEL) levels = [...levels, { target: key, level: change.level }];
      break;
    case 'mute':
      mutes = [
        ...mutes.filter((entry) => entry.target !== key),
        change.forMs === undefined ? { target: key } : { target: key, until: now + change.forMs },
      ];
      break;
    case 'unmute':
      mutes = mutes.filter((entry) => entry.target !== key);
      break;
  }
  const targets = (p: Pick<NotifyPrefs, 'levels' | 'mutes'>) =>
    new Set([...p.levels, ...p.mutes].map((entry) => entry.target)).size;
  const count = targets({ levels, mutes });
  if (count > PREFS_LIMITS.maxTargets && count > targets(current))
    return {
      ok: false,
      code: ErrorCode.TooManyPrefs,
      message: `Levels and mutes are kept for at most ${PREFS_LIMITS.maxTargets} rooms and conversations; set some back with /notify mentions or /unmute first.`,
    };
  return { ok: true, prefs: { ...current, levels, mutes } };
}

function changeKeywords(prefs: NotifyPrefs, op: 'add' | 'remove', raw: string): PrefsOutcome {
  const checked = checkKeyword(raw);
  if (!checked.ok) return checked;
  const wanted = canonicalName(checked.word);
  const others = prefs.keywords.filter((word) => canonicalName(word) !== wanted);
  if (op === 'remove') return { ok: true, prefs: { ...prefs, keywords: others } };
  if (others.length < prefs.keywords.length) return { ok: true, prefs };
  if (prefs.keywords.length >= PREFS_LIMITS.maxKeywords)
    return {
      ok: false,
      code: ErrorCode.TooManyKeywords,
      message: `You have ${PREFS_LIMITS.maxKeywords} keywords, as many as you may have; remove one first (/highlight remove WORD).`,
    };
  return { ok: true, prefs: { ...prefs, keywords: [...prefs.keywords, checked.word] } };
}

function changeIgnored(prefs: NotifyPrefs, op: 'add' | 'remove', raw: string): PrefsOutcome {
  const checked = checkNick(raw.startsWith('@') ? raw.slice(1) : raw);
  if (!checked.ok) return { ok: false, code: ErrorCode.NameInvalid, message: checked.problem.message };
  const wanted = canonicalName(checked.name);
  const others = prefs.ignored.filter((name) => canonicalName(name) !== wanted);
  if (op === 'remove') return { ok: true, prefs: { ...prefs, ignored: others } };
  if (others.length < prefs.ignored.length) return { ok: true, prefs };
  if (prefs.ignored.length >= PREFS_LIMITS.maxIgnored)
    return {
      ok: false,
      code: ErrorCode.TooManyIgnored,
      message: `You ignore ${PREFS_LIMITS.maxIgnored} people, as many as you may; stop ignoring one first (/unignore NAME).`,
    };
  return { ok: true, prefs: { ...prefs, ignored: [...prefs.ignored, checked.name] } };
}

/**
 * A guest's preferences (its client kept them) taken into an account's, when the guest registers the
 * name it uses: each entry goes through {@link changePrefs}, so the account's rules and bounds hold,
 * and one refused there (a bad keyword, one past a bound, a mute that has ended) is left out.
 */
export function adoptPrefs(prefs: NotifyPrefs, guest: NotifyPrefs, now: number): NotifyPrefs {
  const changes: PrefsChange[] = [
    ...guest.levels.map(({ target, level }) => ({ type: 'notify' as const, target, level })),
    ...guest.mutes
      .filter((mute) => mute.until === undefined || mute.until > now)
      .map(({ target, until }) => ({
        type: 'mute' as const,
        target,
        ...(until === undefined ? {} : { forMs: Math.min(until - now, PREFS_LIMITS.maxMuteMs) }),
      })),
    ...guest.keywords.map((word) => ({ type: 'highlight' as const, op: 'add' as const, word })),
    ...guest.ignored.map((name) => ({ type: 'ignore' as const, op: 'add' as const, name })),
  ];
  return changes.reduce((current, change) => {
    const outcome = changePrefs(current, change, now);
    return outcome.ok ? outcome.prefs : current;
  }, prefs);
}
