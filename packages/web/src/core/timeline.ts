import { applyMessageEvent, type ChatMessage, isMessageEvent } from 'aurora-protocol';

/** How a local notice looks: information, or something that went wrong. */
export type NoticeTone = 'info' | 'error';

/**
 * One line of a conversation: a stored message, or a local notice (command output, an error) that
 * sits after the message with the same `seq` in the order it was added.
 */
export type TimelineEntry =
  | {
      readonly type: 'message';
      readonly seq: number;
      readonly order: 0;
      readonly message: ChatMessage;
      /** From someone ignored: kept, so paging and gaps work as before, but not shown. */
      readonly hidden?: boolean;
    }
  | {
      readonly type: 'notice';
      readonly seq: number;
      readonly order: number;
      readonly text: string;
      readonly tone: NoticeTone;
    };

/** Orders entries by `seq`, then notices after the message they follow. */
function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  return a.seq - b.seq || a.order - b.order;
}

/** The highest message `seq` in a timeline, or 0. */
export function latestSeq(entries: readonly TimelineEntry[]): number {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    if (entry.type === 'message') return entry.seq;
  }
  return 0;
}

/** The lowest message `seq` in a timeline, or undefined when it holds no message. */
export function oldestSeq(entries: readonly TimelineEntry[]): number | undefined {
  return entries.find((entry) => entry.type === 'message')?.seq;
}

/**
 * Longest message text a timeline keeps, in UTF-16 code units: four times the protocol's 4 KiB, so a
 * server configured looser still shows its messages whole, while one that sends megabytes cannot
 * fill the page's memory (the rest is cut and marked with an ellipsis).
 */
export const MAX_MESSAGE_TEXT = 16 * 1024;

/** Longest local notice (a server's error, the room list, the digest), in UTF-16 code units. */
export const MAX_NOTICE_TEXT = 4 * MAX_MESSAGE_TEXT;

/** `text` cut to at most `max` code units, ending in an ellipsis, without splitting a surrogate pair. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** `message`, or a copy whose text is cut to `MAX_MESSAGE_TEXT`. */
export function clipMessage(message: ChatMessage): ChatMessage {
  return message.text.length <= MAX_MESSAGE_TEXT
    ? message
    : { ...message, text: clipText(message.text, MAX_MESSAGE_TEXT) };
}

/**
 * Whether `messages` show that the server started its history over (a server without storage
 * restarted): one of them has a seq the timeline holds under another message id. Merged by seq,
 * they would be taken for messages already shown and never appear.
 */
export function startsOver(entries: readonly TimelineEntry[], messages: readonly ChatMessage[]): boolean {
  return messages.some((m) =>
    entries.some((e) => e.type === 'message' && e.seq === m.seq && e.message.id !== m.id),
  );
}

/**
 * Adds messages to a timeline, keeping it ordered and holding each `seq` once: a message that was
 * already shown (replayed after a reconnect, or answered by both `ack` and `message`) is not repeated.
 * Returns the same array when nothing was new.
 */
export function mergeMessages(
  entries: readonly TimelineEntry[],
  messages: readonly ChatMessage[],
  hidden: (message: ChatMessage) => boolean = () => false,
): readonly TimelineEntry[] {
  if (messages.length === 0) return entries;
  const known = new Set<number>();
  for (const entry of entries) if (entry.type === 'message') known.add(entry.seq);
  const fresh: TimelineEntry[] = [];
  for (const message of messages) {
    if (known.has(message.seq)) continue;
    known.add(message.seq);
    const entry = { type: 'message', seq: message.seq, order: 0, message: clipMessage(message) } as const;
    fresh.push(hidden(message) || isMessageEvent(message) ? { ...entry, hidden: true } : entry);
  }
  if (fresh.length === 0) return entries;
  const last = entries[entries.length - 1];
  const appendOnly = fresh.every((entry, i) => i === 0 || compareEntries(fresh[i - 1]!, entry) < 0);
  const merged =
    appendOnly && (!last || compareEntries(last, fresh[0]!) < 0)
      ? [...entries, ...fresh]
      : [...entries, ...fresh].sort(compareEntries);
  return foldEvents(merged, messages);
}

/**
 * Edit, delete and reaction events stay in the timeline, hidden (their seqs keep cursors and gaps
 * exact), folded into the message they are about by the protocol's rule (a replay is harmless).
 */
function foldEvents(entries: TimelineEntry[], messages: readonly ChatMessage[]): TimelineEntry[] {
  for (const event of messages) {
    if (!isMessageEvent(event)) continue;
    const at = entries.findIndex((entry) => entry.type === 'message' && entry.seq === event.about);
    const found = entries[at];
    if (found?.type === 'message')
      entries[at] = { ...found, message: applyMessageEvent(found.message, event) };
  }
  return entries;
}

/** Adds a local notice after the newest message; `order` must grow with every notice added. */
export function appendNotice(
  entries: readonly TimelineEntry[],
  text: string,
  tone: NoticeTone,
  order: number,
): readonly TimelineEntry[] {
  const notice = clipText(text, MAX_NOTICE_TEXT);
  return [...entries, { type: 'notice', seq: latestSeq(entries), order, text: notice, tone }];
}
