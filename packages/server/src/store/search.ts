import { type ChatMessage, indexTokens, type SearchTerm } from 'aurora-protocol';

// What the stores share about search. Both index a message when it is stored, in the same step
// (SQLite: the same transaction; Redis: the same script), under a document number that grows with
// every indexed message across all targets: newest first is highest number first, and the number
// is the paging cursor. System notices and events are not indexed. An edit or a delete removes the
// message's document in the same step (SQLite: by `messages.doc`; Redis: the seq from each set of
// its old text's words, re-tokenized with `indexTokens`, and from its sender's set), and an edit then
// indexes the new text under a new number: a deleted message never matches, an edited one matches
// its current text only.

/** A target the asker may read, and from when (guests read their direct messages from taking the name). */
export interface SearchScope {
  readonly target: string;
  readonly notBefore?: number;
}

/** A search as the stores run it: parsed terms, resolved filters, and the targets allowed. */
export interface StoreSearch {
  /** Every term must match; empty with `fromKey` lists that sender's messages. */
  readonly terms: readonly SearchTerm[];
  /** Only messages from this canonical name. */
  readonly fromKey?: string;
  /** Never messages from these canonical names (the people the asker ignores). */
  readonly exceptFromKeys?: readonly string[];
  /** Only these targets: nothing outside them is ever returned. */
  readonly scopes: readonly SearchScope[];
  /** Only messages sent before this time (exclusive) and at or after `after`. */
  readonly before?: number;
  readonly after?: number;
  /** Only documents below this number (the previous page's `next`). */
  readonly cursor?: number;
  readonly limit: number;
}

/** One match: its target, its document number (the cursor) and the message. */
export interface SearchFound {
  readonly target: string;
  readonly doc: number;
  readonly message: ChatMessage;
}

/**
 * Words a prefix may match in the targets searched, at most. Past it a search is refused rather
 * than expanded (Redis unions each word's set, and would otherwise have to truncate the expansion
 * silently); both stores count the same words, so both refuse the same queries.
 */
export const PREFIX_WORDS = 64;

/**
 * A page of matches, newest first. `next`, when present, is the cursor of the next page: more may
 * follow below it. A page can be short, even empty, and still have `next` when a store stopped
 * early to bound its work (Redis examines at most a budget of candidates per target per page), so
 * the only end of the results is a page without `next`.
 */
export interface SearchPage {
  readonly found: SearchFound[];
  readonly next?: number;
  /** Set, with nothing found, when this prefix matches more than PREFIX_WORDS words: not run. */
  readonly tooCommon?: string;
  /** Set, with nothing found, when the store keeps no index (`--search-index off`): not run. */
  readonly unavailable?: true;
}

/** The prefixes of a search's terms (the last token of each prefix term). */
export function searchPrefixes(query: StoreSearch): string[] {
  return query.terms.flatMap((term) => (term.prefix ? [term.tokens[term.tokens.length - 1]!] : []));
}

/** True when a kind of message is indexed (system notices and edit, delete and reaction events are not). */
export function isIndexed(kind: ChatMessage['kind']): boolean {
  return kind === 'chat' || kind === 'action' || kind === 'dm';
}

/**
 * True when a text has every term, each phrase's tokens in a row (a prefix term's last token as a
 * prefix). The Redis index keeps no positions, so it checks its candidates with this.
 */
export function matchesTerms(text: string, terms: readonly SearchTerm[]): boolean {
  const tokens = indexTokens(text);
  return terms.every((term) => tokens.some((_, start) => phraseAt(tokens, start, term)));
}

function phraseAt(tokens: readonly string[], start: number, term: SearchTerm): boolean {
  const last = term.tokens.length - 1;
  return term.tokens.every((token, i) => {
    const found = tokens[start + i];
    if (found === undefined) return false;
    return term.prefix && i === last ? found.startsWith(token) : found === token;
  });
}
