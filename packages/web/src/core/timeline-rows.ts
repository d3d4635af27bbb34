import type { ChatMessage } from 'aurora-protocol';
import type { PendingMessage } from './chat-state.js';
import type { TimelineEntry } from './timeline.js';

/** One row of the message list, keyed so an unchanged row keeps its element between renders. */
export type Row =
  | { readonly key: string; readonly kind: 'day'; readonly label: string }
  | { readonly key: string; readonly kind: 'gap' }
  | { readonly key: string; readonly kind: 'message'; readonly message: ChatMessage }
  | { readonly key: string; readonly kind: 'notice'; readonly text: string; readonly tone: 'info' | 'error' }
  | { readonly key: string; readonly kind: 'pending'; readonly pending: PendingMessage };

/** How rows learn about days. */
export interface DayRules {
  /** The separator label for the day of `ts` ("Today"). */
  label(ts: number): string;
  /** True when `a` and `b` fall on different days. */
  differ(a: number, b: number): boolean;
}

/**
 * Lays out a conversation: a day separator before each day's first message, a gap marker where
 * messages are missing (sequence numbers have no gaps, so a jump means messages were lost to
 * retention), the messages and notices, then the messages still being sent.
 */
export function timelineRows(
  entries: readonly TimelineEntry[],
  pending: readonly PendingMessage[],
  days: DayRules,
): Row[] {
  const rows: Row[] = [];
  let previous: ChatMessage | undefined;
  for (const entry of entries) {
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
    rows.push({ key: `m${message.seq}`, kind: 'message', message });
    previous = message;
  }
  for (const p of pending) {
    const state = p.failure !== undefined ? 'failed' : p.retryAt !== undefined ? 'waiting' : 'sending';
    rows.push({ key: `p${p.cid}:${state}`, kind: 'pending', pending: p });
  }
  return rows;
}
