import type { ChatMessage } from 'aurora-protocol';
import type { Outgoing } from './connection-types.js';

/**
 * Items are sorted by `order`: a message's is `seq * ORDER_STEP`, so local notices can sit between
 * two messages (`order + 1`, `+ 2`, ...) and a gap marker just before the message after the gap.
 */
export const ORDER_STEP = 1024;

/** One line-producing entry of a target's transcript. */
export type ChatItem =
  | {
      readonly kind: 'message';
      readonly order: number;
      readonly message: ChatMessage;
      /** Sent by this user (under the nick they had then). */
      readonly mine: boolean;
      /** Mentions this user, or is a direct message to them. */
      readonly mention: boolean;
    }
  | {
      readonly kind: 'notice';
      readonly order: number;
      readonly id: string;
      readonly ts: number;
      /** Local text; may quote remote strings, so it is sanitized when drawn like everything else. */
      readonly text: string;
      readonly tone: 'info' | 'error';
    }
  /** Messages are missing here (the server could not replay them all). */
  | { readonly kind: 'gap'; readonly order: number; readonly id: string; readonly ts: number };

/** A sent message waiting for its `ack`, drawn below the transcript. */
export interface PendingItem {
  readonly kind: 'pending';
  readonly outgoing: Outgoing;
  readonly state: 'sending' | 'delayed' | 'failed';
  /** Why it is delayed or failed, in the server's words. */
  readonly note?: string;
}

/** The order of a message with this seq. */
export function messageOrder(seq: number): number {
  return seq * ORDER_STEP;
}

/** A stable identity for an item, for caches and React keys. */
export function itemId(item: ChatItem | PendingItem): string {
  switch (item.kind) {
    case 'message':
      return item.message.id;
    case 'pending':
      return `pending:${item.outgoing.cid}`;
    default:
      return item.id;
  }
}

/** The timestamp an item is shown with. */
export function itemTs(item: ChatItem | PendingItem): number {
  switch (item.kind) {
    case 'message':
      return item.message.ts;
    case 'pending':
      return item.outgoing.createdAt;
    default:
      return item.ts;
  }
}

/** Index of the first item whose order is >= `order` (binary search; items are sorted). */
export function lowerBound(items: readonly ChatItem[], order: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.order < order) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The seq of the last message item, or undefined. */
export function lastSeq(items: readonly ChatItem[]): number | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.kind === 'message') return item.message.seq;
  }
  return undefined;
}

/** The seq of the first message item, or undefined. */
export function firstSeq(items: readonly ChatItem[]): number | undefined {
  for (const item of items) if (item.kind === 'message') return item.message.seq;
  return undefined;
}

/** What happened when messages were merged into a transcript. */
export interface MergeResult {
  readonly items: readonly ChatItem[];
  /** How many of the merged messages were new. */
  readonly added: number;
  /** A message reused a seq with another id: the server's history was reset, so the transcript was. */
  readonly reset: boolean;
}

type MessageItem = Extract<ChatItem, { kind: 'message' }>;

/**
 * Merges messages (sorted by seq) into a transcript, de-duplicated by seq. A gap marker goes where a
 * message follows the previous one with seqs missing between them. Appending at the end (the common
 * case) copies the array once; inserts in the middle use binary search.
 */
export function mergeMessages(items: readonly ChatItem[], incoming: readonly MessageItem[]): MergeResult {
  const first = incoming[0];
  const last = incoming.at(-1);
  if (!first || !last) return { items, added: 0, reset: false };
  // A page of older history that ends before the transcript starts: one concatenation, not n inserts.
  if (incoming.length > 1 && items.length > 0 && last.order < items[0]!.order && isRun(incoming))
    return { items: [...incoming, ...items], added: incoming.length, reset: false };
  let out: ChatItem[] | undefined;
  let added = 0;
  for (const item of incoming) {
    const list: readonly ChatItem[] = out ?? items;
    const at = lowerBound(list, item.order);
    const existing = list[at];
    if (existing && existing.order === item.order && existing.kind === 'message') {
      if (existing.message.id === item.message.id) continue;
      return { items: [...incoming], added: incoming.length, reset: true };
    }
    out ??= items.slice();
    const previous = previousMessage(out, at);
    const inserted: ChatItem[] = [item];
    if (previous !== undefined && item.message.seq > previous.message.seq + 1)
      inserted.unshift({
        kind: 'gap',
        order: item.order - 1,
        id: `gap:${item.message.id}`,
        ts: item.message.ts,
      });
    out.splice(at, 0, ...inserted);
    added += 1;
  }
  return { items: out ?? items, added, reset: false };
}

/** True when the messages have consecutive seqs. */
function isRun(messages: readonly MessageItem[]): boolean {
  return messages.every((m, i) => i === 0 || m.message.seq === messages[i - 1]!.message.seq + 1);
}

function previousMessage(items: readonly ChatItem[], before: number): MessageItem | undefined {
  for (let i = before - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.kind === 'message') return item;
  }
  return undefined;
}
