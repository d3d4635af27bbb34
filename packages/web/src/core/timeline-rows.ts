import {
  CONDENSED_RUN_MIN,
  continuesRun,
  type MembershipEvent,
  membershipEvent,
  runSentence,
} from 'aurora-client';
import type { ChatMessage } from 'aurora-protocol';
import type { PendingMessage } from './chat-state.js';
import type { TimelineEntry } from './timeline.js';

/** One row of the message list, keyed so an unchanged row keeps its element between renders. */
export type Row =
  | { readonly key: string; readonly kind: 'day'; readonly label: string }
  | { readonly key: string; readonly kind: 'gap' }
  | { readonly key: string; readonly kind: 'message'; readonly message: ChatMessage }
  /** A run of joins, leaves and renames as one line: the engine's sentence, at its first notice. */
  | { readonly key: string; readonly kind: 'run'; readonly text: string; readonly ts: number }
  | { readonly key: string; readonly kind: 'notice'; readonly text: string; readonly tone: 'info' | 'error' }
  | { readonly key: string; readonly kind: 'pending'; readonly pending: PendingMessage };

/** How rows learn about days. */
export interface DayRules {
  /** The separator label for the day of `ts` ("Today"). */
  label(ts: number): string;
  /** True when `a` and `b` fall on different days. */
  differ(a: number, b: number): boolean;
  /** The room hides joins, leaves and renames (it is bigger than the quiet-joins setting). */
  readonly hideMembership?: boolean;
}

/**
 * Lays out a conversation: a day separator before each day's first message, a gap marker where
 * messages are missing (sequence numbers have no gaps, so a jump means messages were lost to
 * retention), the messages and notices, then the messages still being sent. A run of joins, leaves
 * and renames is one row (the rule is the engine's, as in the terminal), or none when the room
 * hides them; the messages stay in the timeline as they came.
 */
export function timelineRows(
  entries: readonly TimelineEntry[],
  pending: readonly PendingMessage[],
  days: DayRules,
): Row[] {
  const rows: Row[] = [];
  let previous: ChatMessage | undefined;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.type === 'notice') {
      rows.push({ key: `n${entry.order}`, kind: 'notice', text: entry.text, tone: entry.tone });
      continue;
    }
    const message = entry.message;
    if (entry.hidden) {
      previous = message;
      continue;
    }
    if (previous && message.seq > previous.seq + 1) rows.push({ key: `g${message.seq}`, kind: 'gap' });
    if (!previous || days.differ(previous.ts, message.ts)) {
      const label = days.label(message.ts);
      rows.push({ key: `d${message.seq}:${label}`, kind: 'day', label });
    }
    previous = message;
    const event = membershipEvent(message);
    if (event && days.hideMembership) continue;
    const run = event ? runFrom(entries, i, message, days) : undefined;
    if (!run) {
      rows.push({
        key: rowKey(entries, message),
        kind: 'message',
        message,
      });
      continue;
    }
    i += run.events.length - 1;
    previous = run.last;
    const text = runSentence(run.events);
    rows.push({ key: `r${message.seq}-${run.last.seq}`, kind: 'run', text, ts: message.ts });
  }
  for (const p of pending) {
    const state = p.failure !== undefined ? 'failed' : p.retryAt !== undefined ? 'waiting' : 'sending';
    rows.push({ key: `p${p.cid}:${state}`, kind: 'pending', pending: p });
  }
  return rows;
}

/** The run of two or more membership notices that starts with `first` at `entries[start]`, if any. */
function runFrom(
  entries: readonly TimelineEntry[],
  start: number,
  first: ChatMessage,
  days: DayRules,
): { events: MembershipEvent[]; last: ChatMessage } | undefined {
  const events = [membershipEvent(first)!];
  let last = first;
  for (let i = start + 1; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.type !== 'message' || !continuesRun(last, entry.message, days.differ)) break;
    events.push(membershipEvent(entry.message)!);
    last = entry.message;
  }
  return events.length >= CONDENSED_RUN_MIN ? { events, last } : undefined;
}

/**
 * A message row's key: its seq, and the `rev` of its state and of the message it quotes, so an
 * edit, delete or reaction draws the row again, and a reply's quote follows its original (a
 * deleted text must not live on in a quote).
 */
function rowKey(entries: readonly TimelineEntry[], message: ChatMessage): string {
  let key = message.rev === undefined ? `m${message.seq}` : `m${message.seq}.${message.rev}`;
  if (message.replyTo !== undefined) {
    const original = entries.find((e) => e.type === 'message' && e.seq === message.replyTo);
    if (original?.type === 'message' && original.message.rev !== undefined) key += `q${original.message.rev}`;
  }
  return key;
}
