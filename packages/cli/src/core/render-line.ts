import type { TimeFormat } from 'aurora-client';
import { type ChatItem, itemTs, type PendingItem } from 'aurora-client';
import {
  type ChatMessage,
  formatMessage,
  isMessageEvent,
  markedName,
  type SystemEvent,
  sanitizeForTerminal,
} from 'aurora-protocol';
import type { TextStyle, Theme } from './theme.js';
import { displayWidth, padStart, type Segment, truncate, wrapSegments } from './wrap.js';

/** What drawing a transcript line depends on. A new context means new lines (the cache is per context). */
export interface LineContext {
  /** Columns of the message pane. */
  readonly width: number;
  /** Columns of the nick column; nicks are right-aligned in it and longer ones overflow it. */
  readonly nickWidth: number;
  /** This user's nick, for pending lines. */
  readonly me: string;
  readonly theme: Theme;
  readonly time: TimeFormat;
  /** Message numbers (seqs) in place of times, to name messages in /edit, /delete, /react, /reply. */
  readonly numbers?: boolean;
  /** The message a reply answers, when it is loaded (for the one-line quote above the reply). */
  readonly quoted?: (seq: number) => ChatMessage | undefined;
}

/**
 * One drawn row: a whole line, or a gutter (time, nick and separator) and the text beside it. Ink
 * measures every row on every frame and has a fast path only for plain ASCII; with the gutter's
 * box-drawing separator apart, the text of most messages takes it, and continuation gutters, all
 * alike, are styled once per frame.
 */
export type Line = string | { readonly gutter: string; readonly text: string };

/** A row as one string. */
export function lineText(line: Line): string {
  return typeof line === 'string' ? line : line.gutter + line.text;
}

/** Draws one transcript item as terminal lines, optionally under a day line. */
export type LineRenderer = (item: ChatItem | PendingItem, showDate: boolean) => readonly Line[];

type Styled = Segment<TextStyle>;
const SEPARATOR = '│';
const DM_SEPARATOR = '»';

/**
 * Makes a caching line renderer for one context. Lines are kept per item object (items are
 * immutable), so scrolling and typing never re-wrap a message that was drawn before.
 */
export function createLineRenderer(context: LineContext): LineRenderer {
  const cache = new WeakMap<object, { showDate: boolean; lines: readonly Line[] }>();
  return (item, showDate) => {
    const hit = cache.get(item);
    if (hit && hit.showDate === showDate) return hit.lines;
    const lines = drawItem(item, showDate, context);
    cache.set(item, { showDate, lines });
    return lines;
  };
}

/**
 * Draws the condensed line of a run of joins, leaves and renames (`text` is the engine's sentence),
 * under the time of its first notice: dimmed like a notice, sanitized, and cut to one row.
 */
export function runLines(ts: number, text: string, showDate: boolean, context: LineContext): Line[] {
  const time = context.time.clock(ts);
  const room = context.width - (time.length + 1 + Math.max(context.nickWidth, RUN_ARROW.length) + 3);
  const body = [{ text: truncate(sanitize(text), Math.max(1, room)), style: { role: 'system' } as const }];
  const lines = layout(time, RUN_ARROW, { role: 'system' }, SEPARATOR, body, context).slice(0, 1);
  return showDate ? [dayLine(ts, context), ...lines] : lines;
}

const RUN_ARROW = '<->';

/** The narrowest description worth a column of its own beside a list's terms. */
const MIN_DESCRIPTION = 24;

/**
 * One row of a two-column list (`/help`): the term padded to its column and the description beside
 * it, wrapped under itself (a term wider than the column has its row to itself); where that leaves
 * the description too narrow, it goes under the term.
 */
function listRow(term: string, termWidth: number, text: string, width: number): string {
  const column = 2 + termWidth + 1;
  const wide = width - column >= MIN_DESCRIPTION;
  const indent = wide ? column : 4;
  const lines = wrapSegments([{ text, style: undefined }], Math.max(1, width - indent)).map(
    (line) => ' '.repeat(indent) + line.map((s) => s.text).join(''),
  );
  const head = `  ${term}`;
  if (wide && displayWidth(head) < column)
    return [head.padEnd(column) + lines[0]!.slice(column), ...lines.slice(1)].join('\n');
  return [head, ...lines].join('\n');
}

/** The columns a notice's text has on its first row after the time, the marker and the separator. */
function textWidth(time: string, context: LineContext): number {
  return context.width - (time.length + 1 + context.nickWidth + 3);
}

/** Draws one item without caching, each row as one string. */
export function renderItem(item: ChatItem | PendingItem, showDate: boolean, context: LineContext): string[] {
  return drawItem(item, showDate, context).map(lineText);
}

function drawItem(item: ChatItem | PendingItem, showDate: boolean, context: LineContext): Line[] {
  const body = itemLines(item, context);
  return showDate ? [dayLine(itemTs(item), context), ...body] : body;
}

function itemLines(item: ChatItem | PendingItem, context: LineContext): Line[] {
  const clock = context.time.clock(itemTs(item));
  const time =
    context.numbers && item.kind === 'message' && item.message.kind !== 'system'
      ? `#${item.message.seq}`.padStart(clock.length)
      : clock;
  switch (item.kind) {
    case 'message':
      return messageLines(item.message, item.mine, item.mention, time, context);
    case 'pending': {
      const { outgoing } = item;
      const failed = item.state === 'failed';
      const text = outgoing.kind === 'action' ? `${context.me} ${outgoing.text}` : outgoing.text;
      const body = spans(text, failed ? 'failed' : 'pending', outgoing.cid);
      // A line refused for good stays in the input history: say how to get it back to send again.
      const note = failed
        ? ` ✗ not sent: ${item.note ?? ''} (Up brings it back)`
        : item.note
          ? ` (${item.note})`
          : ' …';
      body.push({ text: sanitize(note), style: { role: failed ? 'failed' : 'pending' } });
      return layout(
        time,
        outgoing.kind === 'action' ? '*' : context.me,
        { role: 'pending' },
        SEPARATOR,
        body,
        context,
      );
    }
    case 'notice': {
      const role = item.tone === 'error' ? 'error' : 'notice';
      const text = sanitizeMultiline(item.text);
      return layout(
        time,
        item.tone === 'error' ? '!!' : '--',
        { role },
        SEPARATOR,
        [
          {
            text: item.term
              ? listRow(sanitize(item.term.text), item.term.width, text, textWidth(time, context))
              : text,
            style: { role },
          },
        ],
        context,
      );
    }
    case 'gap':
      return layout(
        time,
        '⋯',
        { role: 'gap' },
        SEPARATOR,
        [{ text: 'some messages could not be loaded here', style: { role: 'gap' } }],
        context,
      );
  }
}

function messageLines(
  message: ChatMessage,
  mine: boolean,
  mention: boolean,
  time: string,
  context: LineContext,
): Line[] {
  // Registered senders and webhooks carry a sign nobody can put in a name.
  const from = sanitize(markedName(message.from, message.account, message.bot));
  const nickStyle: TextStyle = { role: mine ? 'self' : 'nick', nick: message.from };
  const textRole = mention ? 'mention' : 'text';
  if (isMessageEvent(message)) return [];
  const above = message.replyTo === undefined ? [] : quoteLines(message.replyTo, time, context);
  const below = reactionLines(message, time, context);
  if (message.deleted)
    return [
      ...above,
      ...layout(
        time,
        senderCell(message),
        nickStyle,
        SEPARATOR,
        [{ text: 'message deleted', style: { role: 'system' } }],
        context,
      ),
    ];
  const lines = lineBody(message, mention, time, context, from, nickStyle, textRole);
  return above.length === 0 && below.length === 0 ? lines : [...above, ...lines, ...below];
}

/**
 * The one-line quote above a reply: `↳ bob: the start of what bob said`; with message numbers on,
 * the original's number too (`↳ 41 bob: …`), for `/goto 41`.
 */
function quoteLines(seq: number, time: string, context: LineContext): Line[] {
  const original = context.quoted?.(seq);
  const said =
    original === undefined ? `message ${seq}` : original.deleted ? 'message deleted' : original.text;
  const who = original === undefined ? '' : `${sanitize(original.from)}: `;
  const number = context.numbers && original !== undefined ? `${seq} ` : '';
  const room = Math.max(8, context.width - (time.length + context.nickWidth + 8));
  const text = truncate(`↳ ${number}${who}${sanitize(said.replace(/\s+/g, ' '))}`, room);
  return asideLines(text, time, context).slice(0, 1);
}

/** Reactions, compact under the message: `👍 2  🎉 1`. */
function reactionLines(message: ChatMessage, time: string, context: LineContext): Line[] {
  if (!message.reactions?.length) return [];
  const text = message.reactions.map((r) => `${sanitize(r.emoji)} ${r.who.length}`).join('  ');
  return asideLines(text, time, context);
}

/** A dim line about the message beside it (a quote, its reactions), in the text column, no sender. */
function asideLines(text: string, time: string, context: LineContext): Line[] {
  return layout(
    ' '.repeat(time.length),
    '',
    { role: 'system' },
    SEPARATOR,
    [{ text, style: { role: 'system' } }],
    context,
  );
}

function lineBody(
  message: ChatMessage,
  mention: boolean,
  time: string,
  context: LineContext,
  from: string,
  nickStyle: TextStyle,
  textRole: 'mention' | 'text',
): Line[] {
  const edited: Styled[] =
    message.edited === undefined ? [] : [{ text: ' (edited)', style: { role: 'system' } }];
  switch (message.kind) {
    case 'system': {
      const { arrow, text } = describeSystem(message);
      return layout(
        time,
        arrow,
        { role: 'system' },
        SEPARATOR,
        [{ text: sanitize(text), style: { role: 'system' } }],
        context,
      );
    }
    case 'action': {
      const star: TextStyle = { role: 'nick', nick: message.from };
      const body = [
        { text: `* ${from} `, style: star },
        ...spans(message.text, textRole, message.id),
        ...edited,
      ];
      return layout(time, '', star, SEPARATOR, body, context, mention ? 'mention' : 'separator');
    }
    default: {
      const dm = message.kind === 'dm';
      const separatorRole = dm ? 'dm' : mention ? 'mention' : 'separator';
      const body = [...spans(message.text, textRole, message.id), ...edited];
      const cell = senderCell(message);
      return layout(time, cell, nickStyle, dm ? DM_SEPARATOR : SEPARATOR, body, context, separatorRole);
    }
  }
}

/**
 * A sender's name for the nick column, with `✓` when registered (`⚙` for a webhook). Never cut: a name wider than the
 * column gets a row of its own (see `layout`), so a guest's name never passes for a registered one.
 */
function senderCell(message: ChatMessage): string {
  return sanitize(markedName(message.from, message.account, message.bot));
}

/**
 * Lays a line out as `HH:MM  nick │ text`: the nick right-aligned in the nick column, the text
 * wrapped under itself beside a continued `│`. When the prefix would take more than half the pane, continuation lines
 * start under the nick instead, so narrow terminals keep room for text.
 */
function layout(
  time: string,
  nick: string,
  nickStyle: TextStyle,
  separator: string,
  body: Styled[],
  context: LineContext,
  separatorRole: TextStyle['role'] = 'separator',
): Line[] {
  const { theme, width } = context;
  // The column is as wide as the longest member's name (up to a cap). A wider name (someone who has
  // left, a bot posting with `send`) gets a row of its own, whole, and the text goes under it: cut
  // to the column, `deploy-bot-production-eu` and `-us` would look the same.
  if (displayWidth(nick) > context.nickWidth)
    return [
      ...nameRows(time, nick, nickStyle, context),
      ...layout(' '.repeat(time.length), '', nickStyle, separator, body, context, separatorRole),
    ];
  const cell = padStart(nick, context.nickWidth);
  const prefix = `${theme.paint(time, { role: 'time' })} ${theme.paint(cell, nickStyle)} ${theme.paint(separator, { role: separatorRole })} `;
  const prefixWidth = time.length + 1 + displayWidth(cell) + 3;
  const indent = prefixWidth <= width / 2 ? prefixWidth : Math.min(time.length + 1, Math.floor(width / 4));
  const lines = wrapSegments(body, width - indent, width - prefixWidth);
  const text = (line: readonly Styled[]) => line.map((s) => theme.paint(s.text, s.style)).join('');
  if (indent !== prefixWidth)
    return lines.map((line, i) => (i === 0 ? prefix : ' '.repeat(indent)) + text(line));
  // Continuation lines keep the separator column (as WeeChat does), so the gutter reads as one line.
  const pad = `${' '.repeat(prefixWidth - 2)}${theme.paint(SEPARATOR, { role: separatorRole })} `;
  return lines.map((line, i) => ({ gutter: i === 0 ? prefix : pad, text: text(line) }));
}

/** A name on rows of its own after the time, whole (wrapped on a terminal narrower than the name). */
function nameRows(time: string, nick: string, nickStyle: TextStyle, context: LineContext): string[] {
  const { theme } = context;
  const rows = wrapSegments([{ text: nick, style: nickStyle }], context.width - time.length - 1);
  return rows.map(
    (row, i) =>
      `${i === 0 ? theme.paint(time, { role: 'time' }) : ' '.repeat(time.length)} ${row.map((s) => theme.paint(s.text, s.style)).join('')}`,
  );
}

function dayLine(ts: number, context: LineContext): string {
  const label = ` ${context.time.dayLabel(ts)} `;
  const side = Math.max(2, Math.floor((context.width - displayWidth(label)) / 2));
  const line = `${'─'.repeat(side)}${label}${'─'.repeat(Math.max(2, context.width - side - displayWidth(label)))}`;
  return context.theme.paint(
    displayWidth(line) > context.width ? label.trim().slice(0, context.width) : line,
    { role: 'date' },
  );
}

/**
 * Message text to styled runs: sanitized first (so no escape sequence survives), then parsed by the
 * protocol's formatter into bold, italic, code and links. A link shows its URL too: `docs (https://…)`.
 */
function spans(text: string, role: TextStyle['role'], id = ''): Styled[] {
  const out: Styled[] = [];
  let links = 0;
  for (const span of formatMessage(sanitizeMultiline(text))) {
    const style: TextStyle = {
      role,
      ...(span.bold ? { bold: true } : {}),
      ...(span.italic ? { italic: true } : {}),
      ...(span.code ? { code: true } : {}),
      ...(span.href ? { href: span.href, linkId: `${id}-${links++}` } : {}),
    };
    const shown =
      span.href && span.text !== span.href && `mailto:${span.text}` !== span.href
        ? `${span.text} (${span.href})`
        : span.text;
    out.push({ text: shown, style });
  }
  return out;
}

function describeSystem(message: ChatMessage): { arrow: string; text: string } {
  const event: SystemEvent | undefined = message.event;
  switch (event?.kind) {
    case 'join':
      return { arrow: '-->', text: `${event.nick} joined` };
    case 'leave':
      return {
        arrow: '<--',
        text: event.reason ? `${event.nick} left (${event.reason})` : `${event.nick} left`,
      };
    case 'rename':
      return { arrow: '--', text: `${event.from} is now known as ${event.nick}` };
    case 'topic':
      return {
        arrow: '--',
        text: event.topic ? `${event.nick} set the topic: ${event.topic}` : `${event.nick} cleared the topic`,
      };
    default:
      return { arrow: '--', text: message.text };
  }
}

function sanitize(text: string): string {
  return sanitizeForTerminal(text);
}

function sanitizeMultiline(text: string): string {
  return sanitizeForTerminal(text, { multiline: true });
}
