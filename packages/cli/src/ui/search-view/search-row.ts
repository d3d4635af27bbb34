import { markedName, type SearchHit, sanitizeForTerminal } from 'aurora-protocol';
import { displayWidth, graphemes, graphemeWidth } from '../../core/wrap.js';

/** What a run of a result row is, which decides how it is painted. */
export type RowPartKind = 'time' | 'where' | 'from' | 'text' | 'match';

/** One run of a result row: sanitized text, cut to fit. */
export interface RowPart {
  readonly kind: RowPartKind;
  readonly text: string;
  /** The sender, for the colour of `from`. */
  readonly nick?: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * `MM-DD HH:MM` in local time, or `YYYY-MM-DD` for another year than `now`'s: short enough for a
 * narrow terminal, every row as wide, and a message a year back never looks like today's.
 */
export function rowStamp(ts: number, now: number): string {
  const d = new Date(ts);
  const day = `${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
  if (d.getFullYear() !== new Date(now).getFullYear()) return `${d.getFullYear()}-${day}`;
  return `${day} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/**
 * One result as one row, `time #room <sender> snippet` (`* sender snippet` for an action, `@peer`
 * for a conversation), at most `width` columns: cut at a whole character (a wide one that would not
 * fit is left out) and ended with `…`. Every remote string is sanitized; line breaks become spaces.
 */
export function searchRow(hit: SearchHit, width: number, now: number): readonly RowPart[] {
  const where = sanitizeForTerminal(hit.target.startsWith('@') ? hit.target : `#${hit.target}`);
  const from = sanitizeForTerminal(markedName(hit.from, hit.account, hit.bot));
  const parts: RowPart[] = [
    { kind: 'time', text: `${rowStamp(hit.ts, now)} ` },
    { kind: 'where', text: `${where} ` },
    ...(hit.kind === 'action'
      ? [{ kind: 'text', text: '* ' } as const, { kind: 'from', text: from, nick: hit.from } as const]
      : [{ kind: 'text', text: '<' } as const, { kind: 'from', text: from, nick: hit.from } as const]),
    { kind: 'text', text: hit.kind === 'action' ? ' ' : '> ' },
    ...hit.snippet.map(
      (part): RowPart => ({ kind: part.match ? 'match' : 'text', text: sanitizeForTerminal(part.text) }),
    ),
  ];
  return fit(parts, width);
}

/** Cuts parts to `width` columns, with `…` in the last column when something was cut. */
function fit(parts: readonly RowPart[], width: number): readonly RowPart[] {
  const total = parts.reduce((sum, part) => sum + displayWidth(part.text), 0);
  if (total <= width) return parts;
  const out: RowPart[] = [];
  let used = 0;
  for (const part of parts) {
    let text = '';
    for (const g of graphemes(part.text)) {
      const w = graphemeWidth(g);
      if (used + w > width - 1) break;
      text += g;
      used += w;
    }
    if (text !== '') out.push({ ...part, text });
    if (text !== part.text) break;
  }
  if (width > 0) out.push({ kind: 'text', text: '…' });
  return out;
}
