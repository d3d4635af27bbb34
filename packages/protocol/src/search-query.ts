import { checkNick } from './names.js';
import { isCjk, searchTokens } from './search-text.js';

// The search query language every end shares: `words`, "quoted phrases", `prefix*`, and the
// filters `from:NAME`, `in:#room` or `in:@name`, `before:DATE`, `after:DATE` (UTC dates, or ISO
// times). Anything else is text: FTS syntax (AND, NEAR, parentheses, `-`, `^`) and an unbalanced
// quote are searched for literally, as the words they contain.

/** Bounds on a search, the same for every server. */
export const SEARCH_LIMITS = {
  /** Longest query, in characters. */
  maxQueryLength: 256,
  /** Most words and phrases in one query. */
  maxTerms: 16,
  /** Default and largest page of results. */
  pageDefault: 20,
  pageMax: 100,
} as const;

/** One word, phrase or prefix: its tokens in order; with `prefix`, the last token is a prefix. */
export interface SearchTerm {
  readonly tokens: readonly string[];
  readonly prefix: boolean;
}

/** A parsed query: what to match and the filters. */
export interface SearchQuery {
  readonly terms: readonly SearchTerm[];
  /** `from:NAME`: the sender's name as written. */
  readonly from?: string;
  /** `in:#room` as `room`, or `in:@name` as `@name`: a target as the wire names it. */
  readonly in?: string;
  /** Messages sent before this time (ms since the epoch, exclusive). */
  readonly before?: number;
  /** Messages sent at or after this time. */
  readonly after?: number;
}

/** The result of parsing: a query, or why the query cannot be run (error code `bad_query`). */
export type ParsedSearch =
  | { readonly ok: true; readonly query: SearchQuery }
  | { readonly ok: false; readonly problem: string };

const FILTERS = new Set(['from', 'in', 'before', 'after']);
const FILTER = /^([A-Za-z]+):(.+)$/s;
const DAY_MS = 86_400_000;

/** Parses a search query. Never throws; a problem is a sentence saying what to change. */
export function parseSearchQuery(text: string): ParsedSearch {
  if (text.length > SEARCH_LIMITS.maxQueryLength)
    return problem(`the query is longer than ${SEARCH_LIMITS.maxQueryLength} characters; shorten it`);
  const terms: SearchTerm[] = [];
  const filters: { -readonly [K in Exclude<keyof SearchQuery, 'terms'>]?: SearchQuery[K] } = {};
  for (const piece of pieces(text)) {
    if (piece.quoted) {
      addTerm(terms, piece.text, false);
      continue;
    }
    const filter = FILTER.exec(piece.text);
    if (filter) {
      const name = filter[1]!.toLowerCase();
      if (!FILTERS.has(name))
        return problem(
          `unknown filter "${name}:"; filters are from: in: before: after:, or quote it to search for the text`,
        );
      const error = applyFilter(filters, name, filter[2]!);
      if (error !== undefined) return problem(error);
      continue;
    }
    const prefix = piece.text.endsWith('*');
    addTerm(terms, piece.text, prefix);
  }
  if (terms.length > SEARCH_LIMITS.maxTerms)
    return problem(`the query has more than ${SEARCH_LIMITS.maxTerms} words and phrases; use fewer`);
  if (terms.length === 0 && filters.from === undefined)
    return problem('nothing to search for: give a word, a "phrase", a prefix* or from:NAME');
  return { ok: true, query: { terms, ...filters } };
}

/** Whitespace-separated pieces; a balanced pair of double quotes makes one quoted piece. */
function pieces(text: string): { text: string; quoted: boolean }[] {
  const found: { text: string; quoted: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      // An unbalanced quote is literal: the rest is read as plain words.
      if (close !== -1) {
        found.push({ text: text.slice(i + 1, close), quoted: true });
        i = close + 1;
        continue;
      }
    }
    let end = i;
    while (end < text.length && !/\s/.test(text[end]!)) end++;
    found.push({ text: text.slice(i, end), quoted: false });
    i = end;
  }
  return found;
}

/**
 * Adds the tokens of a piece as terms: a word that folds to several tokens is a phrase (`e-mail`),
 * but a CJK run is a term of its own, since the index ends each run with a lone character.
 */
function addTerm(terms: SearchTerm[], text: string, prefix: boolean): void {
  const groups: string[][] = [];
  let previousCjk: boolean | undefined;
  for (const { token } of searchTokens(text, true)) {
    const cjk = isCjk(token);
    if (cjk !== previousCjk) groups.push([]);
    groups[groups.length - 1]!.push(token);
    previousCjk = cjk;
  }
  groups.forEach((tokens, i) => {
    const last = tokens[tokens.length - 1]!;
    // One Han, kana or Hangul character is stored inside bigrams: only a prefix finds it.
    const lone = [...last].length === 1 && isCjk(last);
    terms.push({ tokens, prefix: lone || (prefix && i === groups.length - 1) });
  });
}

function applyFilter(
  filters: { from?: string; in?: string; before?: number; after?: number },
  name: string,
  value: string,
): string | undefined {
  if (name in filters) return `${name}: is given twice; give it once`;
  if (name === 'from') {
    if (!checkNick(value).ok) return `from: needs a name, as in from:alice`;
    filters.from = value;
  } else if (name === 'in') {
    const target = value.startsWith('#') ? value.slice(1) : value;
    if (target === '' || target === '@') return 'in: needs a room or a person, as in in:#dev or in:@alice';
    filters.in = target;
  } else {
    const time = parseDate(value);
    if (time === undefined) return `${name}: needs a date, as in ${name}:2026-12-01 (UTC) or an ISO time`;
    // A day means the whole day: before it is before its start, after it is from the next day on.
    if (name === 'before') filters.before = time.start;
    else filters.after = time.dayOnly ? time.start + DAY_MS : time.start + 1;
  }
  return undefined;
}

/** A `YYYY-MM-DD` day (UTC) or an ISO time; undefined when neither. */
function parseDate(value: string): { start: number; dayOnly: boolean } | undefined {
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (!dayOnly && !/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})?$/.test(value)) return undefined;
  const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
  const start = Date.parse(dayOnly ? `${value}T00:00:00Z` : zoned);
  return Number.isFinite(start) && start >= 0 ? { start, dayOnly } : undefined;
}

function problem(text: string): ParsedSearch {
  return { ok: false, problem: text };
}
