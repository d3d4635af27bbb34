import { sanitizeForTerminal } from 'aurora-protocol';
import type { Theme } from '../../core/theme.js';
import { displayWidth, truncate } from '../../core/wrap.js';
import { type RowPart, searchRow } from './search-row.js';
import { firstVisible, type SearchViewState } from './use-search-view-state.js';

const KEYS = '↑↓ select · PgUp/PgDn · Enter go to message · Esc close';
const KEYS_SHORT = '↑↓ · Enter go · Esc close';

/**
 * The view as `height` painted rows of at most `width` columns: heading, results (or why there are
 * none), keys. Kept apart from the component so a test can read it without Ink.
 */
export function searchViewLines(
  view: SearchViewState,
  width: number,
  height: number,
  theme: Theme,
  /** The time now, for the year in the rows' stamps. */
  now: number,
): string[] {
  const listRows = Math.max(1, height - 2);
  const heading = searchHeading(view.query, view.hits.length, view.next !== undefined, width, theme);
  const body: string[] = [];
  const top = firstVisible(view, listRows);
  for (const [i, hit] of view.hits.slice(top, top + listRows).entries()) {
    const selected = top + i === view.selected;
    body.push(paintRow(searchRow(hit, width, now), selected, width, theme));
  }
  const status = statusLine(view);
  if (status && body.length < listRows)
    body.push(
      status.error ? theme.alert(truncate(status.text, width)) : theme.muted(truncate(status.text, width)),
    );
  while (body.length < listRows) body.push('');
  const keys = theme.muted(truncate(width >= KEYS.length ? KEYS : KEYS_SHORT, width));
  return [heading, ...body, keys].slice(0, Math.max(0, height));
}

/** What the view says below its results: searching, the server's refusal, nothing found, or the end. */
function statusLine(view: SearchViewState): { text: string; error: boolean } | undefined {
  if (view.failure !== undefined) return { text: sanitizeForTerminal(view.failure.message), error: true };
  if (view.loading) return { text: view.hits.length === 0 ? 'Searching…' : 'Loading more…', error: false };
  if (view.hits.length === 0)
    return { text: `No messages match ${sanitizeForTerminal(view.query)}.`, error: false };
  return undefined;
}

/** Paints a row: matches bold (NO_COLOR keeps bold), the selected row reversed to the full width. */
function paintRow(parts: readonly RowPart[], selected: boolean, width: number, theme: Theme): string {
  let used = 0;
  let out = '';
  for (const part of parts) {
    used += displayWidth(part.text);
    const text =
      part.kind === 'match'
        ? theme.paint(part.text, { role: 'text', bold: true })
        : part.kind === 'from' && part.nick !== undefined
          ? theme.name(part.nick, part.text)
          : part.kind === 'time'
            ? theme.paint(part.text, { role: 'time' })
            : part.text;
    out += text;
  }
  if (!selected) return out;
  return theme.selected(`${out}${' '.repeat(Math.max(0, width - used))}`);
}

/** The heading: what was searched, and how many results are loaded. */
export function searchHeading(
  query: string,
  count: number,
  more: boolean,
  width: number,
  theme: Theme,
): string {
  const found = count === 0 ? '' : ` — ${count}${more ? '+' : ''} result${count === 1 && !more ? '' : 's'}`;
  return theme.heading(truncate(`Search: ${sanitizeForTerminal(query)}${found}`, width));
}
