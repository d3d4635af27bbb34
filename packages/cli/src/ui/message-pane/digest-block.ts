import { type Digest, digestEntries, digestSummary, type TimeFormat } from 'aurora-client';
import { type ChatMessage, formatMessage, sanitizeForTerminal } from 'aurora-protocol';
import type { Theme } from '../../core/theme.js';
import { displayWidth, padEnd, truncate } from '../../core/wrap.js';

/**
 * "While you were away" as dimmed rows for the top of the message pane: the summary, then one row
 * per mention or direct message, oldest first: time (with the date when not today), `#room` or `DM`,
 * the sender and the text on one line. At most `maxRows` rows; entries that do not fit are counted.
 * Every remote string goes through the terminal sanitizer.
 */
export function digestLines(
  digest: Digest,
  width: number,
  maxRows: number,
  ui: { readonly theme: Theme; readonly time: TimeFormat; readonly now: number },
): string[] {
  if (maxRows < 1 || width < 1) return [];
  const { theme, time, now } = ui;
  // Which lines and in what order is the engine's (the browser shows the same).
  const entries = digestEntries(digest).map(({ message, room }) => ({
    message,
    where: room === undefined ? 'DM' : `#${sanitizeForTerminal(room)}`,
  }));
  const whereWidth = Math.min(16, Math.max(0, ...entries.map((e) => displayWidth(e.where))));
  const fromWidth = Math.min(
    12,
    Math.max(0, ...entries.map((e) => displayWidth(sanitizeForTerminal(e.message.from)))),
  );
  const row = ({ message, where }: (typeof entries)[number]) => {
    const day = time.day(message.ts);
    const when = day === time.day(now) ? time.clock(message.ts) : `${day.slice(5)} ${time.clock(message.ts)}`;
    const from = padEnd(sanitizeForTerminal(message.from), fromWidth);
    return `  ${when} ${padEnd(where, whereWidth)} ${from} ${plainText(message)}`;
  };
  const room = maxRows - 1;
  const shown = entries.length > room ? entries.slice(0, Math.max(0, room - 1)) : entries;
  const rows = shown.map(row);
  if (shown.length < entries.length) rows.push(`  … and ${entries.length - shown.length} more`);
  return [digestSummary(digest), ...rows]
    .slice(0, maxRows)
    .map((line, i) =>
      i === 0 ? theme.heading(theme.muted(truncate(line, width))) : theme.muted(truncate(line, width)),
    );
}

/** A message's text on one line, without formatting markers. */
function plainText(message: ChatMessage): string {
  return formatMessage(sanitizeForTerminal(message.text))
    .map((span) => span.text)
    .join('');
}
