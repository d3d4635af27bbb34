import { markedName, type SearchHit, sanitizeForTerminal, stringifyForTerminal } from 'aurora-protocol';
import { localStamp } from './tail-format.js';

/** How matches are shown in text output: wrapped in these (bold on a terminal, nothing in a pipe). */
export interface MatchMarks {
  readonly open: string;
  readonly close: string;
}

/** Bold, for a terminal. */
export const BOLD_MARKS: MatchMarks = { open: '\x1b[1m', close: '\x1b[22m' };
/** No marks, for a pipe or NO_COLOR. */
export const NO_MARKS: MatchMarks = { open: '', close: '' };

/**
 * One search result as one line of text: `2026-03-03 12:04:05 #dev <alice> …the matching words…`
 * in local time, `@peer` for a direct conversation. Every remote string is sanitized, line breaks
 * become spaces, and only this function's own marks are terminal formatting.
 */
export function searchText(hit: SearchHit, marks: MatchMarks): string {
  const where = sanitizeForTerminal(hit.target.startsWith('@') ? hit.target : `#${hit.target}`);
  const from = sanitizeForTerminal(markedName(hit.from, hit.account, hit.bot));
  const snippet = hit.snippet
    .map((part) => {
      const text = sanitizeForTerminal(part.text);
      return part.match && text !== '' ? `${marks.open}${text}${marks.close}` : text;
    })
    .join('');
  const said = hit.kind === 'action' ? `* ${from} ${snippet}` : `<${from}> ${snippet}`;
  return `${localStamp(hit.ts)} ${where} ${said}`;
}

/**
 * One search result as one JSON line, escaped like `tail --json` (no raw control, bidi or invisible
 * character): `type: "result"`, `target` (a room, or `@name`), `kind`, `from`, `account`/`bot` when
 * set, `ts` in ISO 8601, `id`, `seq`, `snippet` as plain text and `parts` with `match: true` marks.
 */
export function searchJson(hit: SearchHit): string {
  return stringifyForTerminal({
    type: 'result',
    target: hit.target,
    kind: hit.kind,
    from: hit.from,
    ...(hit.account ? { account: true } : {}),
    ...(hit.bot ? { bot: true } : {}),
    ts: new Date(hit.ts).toISOString(),
    id: hit.id,
    seq: hit.seq,
    snippet: hit.snippet.map((part) => part.text).join(''),
    parts: hit.snippet,
  });
}
