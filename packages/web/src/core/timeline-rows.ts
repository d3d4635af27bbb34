import {
  CONDENSED_RUN_MIN,
  continuesRun,
  hiddenByIgnore,
  type ItemList,
  isDrawn,
  lowerBound,
  type MembershipEvent,
  membershipEvent,
  messageOrder,
  type PendingItem,
  runSentence,
} from 'aurora-client';
import type { ChatMessage, NotifyPrefs } from 'aurora-protocol';

/** One row of the message list, keyed so an unchanged row keeps its element between renders. */
export type Row =
  | { readonly key: string; readonly kind: 'day'; readonly label: string }
  | { readonly key: string; readonly kind: 'gap' }
  | {
      readonly key: string;
      readonly kind: 'message';
      readonly message: ChatMessage;
      readonly mine: boolean;
      readonly mention: boolean;
    }
  /** A run of joins, leaves and renames as one line: the engine's sentence, at its first notice. */
  | { readonly key: string; readonly kind: 'run'; readonly text: string; readonly ts: number }
  | { readonly key: string; readonly kind: 'notice'; readonly text: string; readonly tone: 'info' | 'error' }
  | { readonly key: string; readonly kind: 'pending'; readonly pending: PendingItem };

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
 * Lays out a target's transcript (the engine's items): a day separator before each day's first
 * message, the engine's gap markers, the messages and notices, then the lines still being sent.
 * What views never draw (edit, delete and reaction events; messages of people ignored) is left
 * out. A run of joins, leaves and renames is one row (the engine's rule, as in the terminal), or
 * none when the room hides them.
 */
export function timelineRows(
  items: ItemList,
  pending: readonly PendingItem[],
  prefs: NotifyPrefs,
  days: DayRules,
): Row[] {
  const rows: Row[] = [];
  let previous: ChatMessage | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items.get(i);
    if (item.kind === 'notice') {
      rows.push({ key: `n${item.id}`, kind: 'notice', text: item.text, tone: item.tone });
      continue;
    }
    if (item.kind === 'gap') {
      rows.push({ key: item.id, kind: 'gap' });
      continue;
    }
    if (!isDrawn(item) || hiddenByIgnore(prefs, item)) continue;
    const message = item.message;
    if (!previous || days.differ(previous.ts, message.ts)) {
      const label = days.label(message.ts);
      rows.push({ key: `d${message.seq}:${label}`, kind: 'day', label });
    }
    previous = message;
    const event = membershipEvent(message);
    if (event && days.hideMembership) continue;
    const run = event ? runFrom(items, i, message, days) : undefined;
    if (!run) {
      rows.push({
        key: rowKey(items, message),
        kind: 'message',
        message,
        mine: item.mine,
        mention: item.mention,
      });
      continue;
    }
    i = run.end;
    previous = run.last;
    rows.push({
      key: `r${message.seq}-${run.last.seq}`,
      kind: 'run',
      text: runSentence(run.events),
      ts: message.ts,
    });
  }
  for (const p of pending) rows.push({ key: `p${p.outgoing.cid}:${p.state}`, kind: 'pending', pending: p });
  return rows;
}

/** The run of two or more membership notices that starts with `first` at `items[start]`, if any. */
function runFrom(
  items: ItemList,
  start: number,
  first: ChatMessage,
  days: DayRules,
): { events: MembershipEvent[]; last: ChatMessage; end: number } | undefined {
  const events = [membershipEvent(first)!];
  let last = first;
  let end = start;
  for (let i = start + 1; i < items.length; i++) {
    const item = items.get(i);
    if (item.kind !== 'message' || !continuesRun(last, item.message, days.differ)) break;
    events.push(membershipEvent(item.message)!);
    last = item.message;
    end = i;
  }
  return events.length >= CONDENSED_RUN_MIN ? { events, last, end } : undefined;
}

/** The message with `seq` among a transcript's items, if it is loaded. */
export function messageAt(items: ItemList, seq: number): ChatMessage | undefined {
  const at = lowerBound(items, messageOrder(seq));
  const item = at < items.length ? items.get(at) : undefined;
  return item?.kind === 'message' && item.message.seq === seq ? item.message : undefined;
}

/**
 * A message row's key: its seq, and the `rev` of its state and of the message it quotes, so an
 * edit, delete or reaction draws the row again, and a reply's quote follows its original (a
 * deleted text must not live on in a quote).
 */
function rowKey(items: ItemList, message: ChatMessage): string {
  let key = message.rev === undefined ? `m${message.seq}` : `m${message.seq}.${message.rev}`;
  if (message.replyTo !== undefined) {
    const original = messageAt(items, message.replyTo);
    if (original?.rev !== undefined) key += `q${original.rev}`;
  }
  return key;
}
