import { type ChatMessage, canonicalName, type SystemEvent } from 'aurora-protocol';

/** A join, leave or rename: the notices a run of quiet notices is made of (a topic is not one). */
export type MembershipEvent = Extract<SystemEvent, { kind: 'join' | 'leave' | 'rename' }>;

/** The shortest run drawn as one condensed line; a lone notice is drawn as it is, reason and all. */
export const CONDENSED_RUN_MIN = 2;

/** How many people a condensed line names before it ends in "and N others". */
export const CONDENSED_PEOPLE = 3;

/** The join, leave or rename a stored message reports, or undefined for any other message. */
export function membershipEvent(message: ChatMessage): MembershipEvent | undefined {
  if (message.kind !== 'system' || message.event === undefined) return undefined;
  // A moderation or settings notice always stands alone: it is never folded into a run of joins and leaves.
  const event = message.event;
  return event.kind === 'join' || event.kind === 'leave' || event.kind === 'rename' ? event : undefined;
}

/**
 * Whether `next`, the message right after `previous` in a transcript, continues the run `previous`
 * is in: both are joins, leaves or renames, with no message missing between them (a gap marker
 * breaks a run) and on the same day (`daysDiffer` says when two times are on different days). So
 * anything else between them breaks a run: a chat line, an action, a topic, a local notice.
 */
export function continuesRun(
  previous: ChatMessage,
  next: ChatMessage,
  daysDiffer: (a: number, b: number) => boolean,
): boolean {
  return (
    next.seq === previous.seq + 1 &&
    membershipEvent(previous) !== undefined &&
    membershipEvent(next) !== undefined &&
    !daysDiffer(previous.ts, next.ts)
  );
}

/** What one person did in a run, under the name they first had in it. */
export interface PersonChanges {
  /** Their name at their first notice of the run. */
  readonly nick: string;
  /** Their name after the run's renames (`nick` when there were none). */
  readonly now: string;
  /** Their joins and leaves, in order. */
  readonly moves: readonly ('join' | 'leave')[];
  /** How many times they were renamed. */
  readonly renames: number;
}

/**
 * A run of notices per person, in order of first appearance. A rename carries the person over to
 * the new name, so `alice` joining, becoming `alice2` and leaving is one person. Every notice is
 * counted once: the moves and renames add up to the run's length (a coalesced notice counting once
 * per person it names).
 */
export function condenseRun(events: readonly MembershipEvent[]): PersonChanges[] {
  const people: { nick: string; now: string; moves: ('join' | 'leave')[]; renames: number }[] = [];
  const byName = new Map<string, (typeof people)[number]>();
  const personOf = (nick: string) => {
    let person = byName.get(canonicalName(nick));
    if (!person) {
      person = { nick, now: nick, moves: [], renames: 0 };
      people.push(person);
      byName.set(canonicalName(nick), person);
    }
    return person;
  };
  for (const event of events) {
    if (event.kind !== 'rename') {
      // A coalesced notice stands for each person it names.
      for (const nick of event.nicks ?? [event.nick]) personOf(nick).moves.push(event.kind);
      continue;
    }
    const person = personOf(event.from);
    byName.delete(canonicalName(event.from));
    person.now = event.nick;
    person.renames += 1;
    // Whoever had the new name before (a stale entry) is a different person from here on.
    byName.set(canonicalName(event.nick), person);
  }
  return people;
}

/**
 * A run as one short line, people in order of first appearance: `watcher joined and left 3 times,
 * pat joined, alice is now alice2`; past `limit` people it ends in `and N others` (with `joined` or
 * `left` when they all did just that). Names come as given: a terminal sanitizes them, a page puts
 * them in text nodes.
 */
export function runSentence(events: readonly MembershipEvent[], limit = CONDENSED_PEOPLE): string {
  const people = condenseRun(events);
  const named = people.length > limit + 1 ? people.slice(0, limit) : people;
  const parts = named.map(personSentence);
  const others = people.slice(named.length);
  if (others.length > 0) {
    const all = (move: 'join' | 'leave') =>
      others.every((p) => p.renames === 0 && p.moves.every((m) => m === move));
    const verb = all('join') ? ' joined' : all('leave') ? ' left' : '';
    parts.push(`and ${others.length} others${verb}`);
  }
  return parts.join(', ');
}

/** One person's part: `pat joined`, `watcher joined and left 3 times`, `alice (now al) left`. */
function personSentence(person: PersonChanges): string {
  const moves = movesText(person.moves);
  if (person.renames === 0) return `${person.nick} ${moves}`;
  const back = person.now === person.nick;
  if (!moves) return back ? `${person.nick} changed name and back` : `${person.nick} is now ${person.now}`;
  return back ? `${person.nick} ${moves}` : `${person.nick} (now ${person.now}) ${moves}`;
}

/**
 * Joins and leaves in pairs from the first, as the first move sets them (joined and left, or left
 * and rejoined), repeats counted: `joined and left 3 times`, `left and rejoined then left`.
 */
function movesText(moves: readonly ('join' | 'leave')[]): string {
  const steps: string[] = [];
  const counts: number[] = [];
  const opener = moves[0];
  for (let i = 0; i < moves.length; ) {
    const move = moves[i]!;
    const paired = move === opener && moves[i + 1] !== undefined && moves[i + 1] !== move;
    const step = paired
      ? move === 'join'
        ? 'joined and left'
        : 'left and rejoined'
      : move === 'join'
        ? 'joined'
        : 'left';
    i += paired ? 2 : 1;
    if (steps.at(-1) === step) counts[counts.length - 1]! += 1;
    else {
      steps.push(step);
      counts.push(1);
    }
  }
  return steps.map((step, i) => (counts[i]! > 1 ? `${step} ${counts[i]} times` : step)).join(' then ');
}

/**
 * When membership notices are hidden: in rooms with more than this many members (`0` hides them
 * everywhere, `Infinity` nowhere). Rooms start at {@link DEFAULT_QUIET_JOINS}.
 */
export type QuietJoins = number;

/** Rooms with more than this many members hide joins, leaves and renames by default. */
export const DEFAULT_QUIET_JOINS: QuietJoins = 50;

/** The sentence every refused quiet-joins setting ends with: it lists the choices. */
export const QUIET_JOINS_CHOICES = 'a number of members (hide in rooms with more), always or never';

/**
 * Reads a quiet-joins setting: `always`, `never`, or a whole number of members; undefined for
 * anything else, so each client can refuse it in its own way.
 */
export function parseQuietJoins(text: string | number): QuietJoins | undefined {
  if (typeof text === 'number') return Number.isSafeInteger(text) && text >= 0 ? text : undefined;
  const word = text.trim().toLowerCase();
  if (word === 'always') return 0;
  if (word === 'never') return Number.POSITIVE_INFINITY;
  return /^\d{1,9}$/.test(word) ? Number(word) : undefined;
}

/** Whether a room of `members` people hides its joins, leaves and renames under `quiet`. */
export function hidesMembership(quiet: QuietJoins, members: number): boolean {
  return members > quiet;
}
