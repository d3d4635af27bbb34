import type { ChatMessage } from 'aurora-protocol';
import type { Outgoing } from './connection-types.js';
import { ItemList } from './item-list.js';

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
      /** Set when the notice is one row of a two-column list (`/help`'s): what `text` describes. */
      readonly term?: ListTerm;
    }
  /** Messages are missing here (the server could not replay them all). */
  | { readonly kind: 'gap'; readonly order: number; readonly id: string; readonly ts: number };

/**
 * The left column of a list row: a client lays rows side by side when its width allows, and the
 * description under the term when it does not (a narrow terminal).
 */
export interface ListTerm {
  readonly text: string;
  /** The column's width: the widest term of the list, so that its rows line up. */
  readonly width: number;
}

/** A sent message waiting for its `ack`, drawn below the transcript. */
export interface PendingItem {
  readonly kind: 'pending';
  readonly outgoing: Outgoing;
  /** `held`: the connection waits for the user (to log in, or take a name), and the line with it. */
  readonly state: 'sending' | 'delayed' | 'held' | 'failed';
  /** Why it is delayed, held or failed, in the server's words (held: what the user can do). */
  readonly note?: string;
}

/** The order of a message with this seq. */
export function messageOrder(seq: number): number {
  return seq * ORDER_STEP;
}

/** A message entry of a transcript. */
export type MessageItem = Extract<ChatItem, { kind: 'message' }>;

const MINE = 1;
const MENTION = 2;

/**
 * A transcript may hold 100,000 messages, so each is kept as two small objects: the message, with
 * its fields in line, and this entry, which derives its kind and order and packs its marks in one
 * number (instead of five fields).
 */
class StoredMessage implements MessageItem {
  constructor(
    readonly message: ChatMessage,
    private readonly marks: number,
  ) {}

  get kind(): 'message' {
    return 'message';
  }

  get order(): number {
    return messageOrder(this.message.seq);
  }

  get mine(): boolean {
    return (this.marks & MINE) !== 0;
  }

  get mention(): boolean {
    return (this.marks & MENTION) !== 0;
  }
}

/** The transcript entry of a stored message, marked when it is mine or mentions me. */
export function messageItem(message: ChatMessage, mine: boolean, mention: boolean): MessageItem {
  return new StoredMessage(compactMessage(message), (mine ? MINE : 0) | (mention ? MENTION : 0));
}

/**
 * The decoder builds a message field by field, which leaves most fields in a second, out-of-line
 * object; a plain room message (the bulk of any history) is copied into one object literal instead.
 */
function compactMessage(m: ChatMessage): ChatMessage {
  if (m.room === undefined || m.to !== undefined || m.cid !== undefined || m.event !== undefined) return m;
  // A message with a life (a reply, an event, edited, deleted or reacted to) keeps all its fields.
  if (m.replyTo !== undefined || m.about !== undefined || m.rev !== undefined) return m;
  const compact: ChatMessage = {
    type: 'message',
    id: m.id,
    seq: m.seq,
    kind: m.kind,
    room: m.room,
    from: m.from,
    text: m.text,
    ts: m.ts,
  };
  if (m.account) compact.account = true;
  if (m.bot) compact.bot = true;
  return compact;
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

/** Random access to sorted items: an ItemList, or an array through {@link indexed}. */
export interface IndexedItems {
  readonly length: number;
  get(index: number): ChatItem;
}

/** Random access to an array of items. */
export function indexed(items: readonly ChatItem[]): IndexedItems {
  return { length: items.length, get: (index) => items[index]! };
}

/** Index of the first item whose order is >= `order` (binary search; items are sorted). */
export function lowerBound(items: IndexedItems, order: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items.get(mid).order < order) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The seq of the last message item, or undefined. */
export function lastSeq(items: IndexedItems): number | undefined {
  return previousMessage(items, items.length)?.message.seq;
}

/** The seq of the first message item, or undefined. */
export function firstSeq(items: ItemList): number | undefined {
  for (const item of items) if (item.kind === 'message') return item.message.seq;
  return undefined;
}

/** What happened when messages were merged into a transcript. */
export interface MergeResult {
  readonly items: ItemList;
  /** How many of the merged messages were new. */
  readonly added: number;
  /** A message reused a seq with another id: the server's history was reset, so the transcript was. */
  readonly reset: boolean;
}

/**
 * Merges messages (sorted by seq) into a transcript, de-duplicated by seq. A gap marker goes where a
 * message follows the previous one with seqs missing between them. New messages after the end (the
 * common case) append without copying, and a page of older history goes in front without copying
 * what is loaded (both amortized); anything else is inserted by binary search into a copy.
 */
export function mergeMessages(items: ItemList, incoming: readonly MessageItem[]): MergeResult {
  const first = incoming[0];
  const last = incoming.at(-1);
  if (!first || !last) return { items, added: 0, reset: false };
  const end = items.at(-1);
  if (!end || first.order > end.order) {
    let previous = lastSeq(items);
    const appended: ChatItem[] = [];
    for (const item of incoming) {
      if (previous !== undefined && item.message.seq > previous + 1) appended.push(gapBefore(item));
      appended.push(item);
      previous = item.message.seq;
    }
    return { items: items.append(appended), added: incoming.length, reset: false };
  }
  const start = items.get(0);
  if (incoming.length > 1 && last.order < start.order && isRun(incoming)) {
    // A page from further back than what is loaded (a jump to an old message) is not adjacent to it.
    const apart = start.kind === 'message' && start.message.seq > last.message.seq + 1;
    return {
      items: items.prepend(apart ? [...incoming, gapBefore(start)] : incoming),
      added: incoming.length,
      reset: false,
    };
  }
  let out: ChatItem[] | undefined;
  let added = 0;
  for (const item of incoming) {
    const list = out ? indexed(out) : items;
    const at = lowerBound(list, item.order);
    const existing = at < list.length ? list.get(at) : undefined;
    if (existing && existing.order === item.order && existing.kind === 'message') {
      if (existing.message.id === item.message.id) continue;
      return { items: ItemList.of(incoming), added: incoming.length, reset: true };
    }
    out ??= items.toArray();
    const previous = previousMessage(indexed(out), at);
    const inserted: ChatItem[] = [item];
    if (previous !== undefined && item.message.seq > previous.message.seq + 1)
      inserted.unshift(gapBefore(item));
    out.splice(at, 0, ...inserted);
    added += 1;
  }
  return { items: out ? ItemList.of(withoutClosedGaps(out)) : items, added, reset: false };
}

/** Drops the gap markers that messages put in the middle have closed (a page that filled a hole). */
function withoutClosedGaps(items: ChatItem[]): ChatItem[] {
  let previous: number | undefined;
  return items.filter((item, i) => {
    if (item.kind === 'message') previous = item.message.seq;
    if (item.kind !== 'gap') return true;
    const next = items[i + 1];
    return !(next?.kind === 'message' && previous !== undefined && next.message.seq === previous + 1);
  });
}

function gapBefore(item: MessageItem): ChatItem {
  return { kind: 'gap', order: item.order - 1, id: `gap:${item.message.id}`, ts: item.message.ts };
}

/** True when the messages have consecutive seqs. */
function isRun(messages: readonly MessageItem[]): boolean {
  return messages.every((m, i) => i === 0 || m.message.seq === messages[i - 1]!.message.seq + 1);
}

function previousMessage(items: IndexedItems, before: number): MessageItem | undefined {
  for (let i = before - 1; i >= 0; i--) {
    const item = items.get(i);
    if (item.kind === 'message') return item;
  }
  return undefined;
}
