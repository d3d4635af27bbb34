import type { SnippetPart } from './schema/server.js';
import type { SearchTerm } from './search-query.js';
import { searchTokens } from './search-text.js';

/** Characters of context a snippet keeps around its first match, at most, each side. */
const CONTEXT = 60;
/** Longest snippet, in characters, before the ellipses. */
const MAX_SNIPPET = 200;

/**
 * The part of `text` around the first word that matches one of `terms`, the matching words marked.
 * A token is marked when it is one of the terms' tokens, or starts with a prefix term's last token.
 */
export function searchSnippet(text: string, terms: readonly SearchTerm[]): SnippetPart[] {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const term of terms)
    term.tokens.forEach((token, i) => {
      if (term.prefix && i === term.tokens.length - 1) prefixes.push(token);
      else exact.add(token);
    });
  const marks = searchTokens(text).filter(
    ({ token }) => exact.has(token) || prefixes.some((prefix) => token.startsWith(prefix)),
  );
  const first = marks[0]?.start ?? 0;
  const start = avoidSplit(text, Math.max(0, first - CONTEXT));
  const end = avoidSplit(text, Math.min(text.length, start + MAX_SNIPPET));
  const parts: SnippetPart[] = [];
  let at = start;
  const push = (part: string, match: boolean) => {
    if (part === '') return;
    const previous = parts[parts.length - 1];
    if (previous && (previous.match ?? false) === match)
      parts[parts.length - 1] = withMatch(previous.text + part, match);
    else parts.push(withMatch(part, match));
  };
  if (start > 0) push('…', false);
  for (const mark of marks) {
    if (mark.end <= at) continue;
    if (mark.start >= end) break;
    push(text.slice(at, Math.max(at, mark.start)), false);
    push(text.slice(Math.max(at, mark.start), Math.min(end, mark.end)), true);
    at = Math.min(end, mark.end);
  }
  push(text.slice(at, end), false);
  if (end < text.length) push('…', false);
  return parts;
}

function withMatch(text: string, match: boolean): SnippetPart {
  return match ? { text, match } : { text };
}

/** Moves an offset off the middle of a surrogate pair. */
function avoidSplit(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  return offset > 0 && offset < text.length && code >= 0xdc00 && code <= 0xdfff ? offset - 1 : offset;
}
