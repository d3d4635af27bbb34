// The search tokenizer every end shares: the server indexes with it, the query parser and the
// snippet marker read with it, so a word found in one place is found the same way everywhere.
//
// Words are runs of letters, digits and combining marks. Each is folded: compatibility forms to
// their plain letters (NFKC: full-width `ａ` is `a`), accents off Latin, Greek and Cyrillic letters
// (`Café` is `cafe`), and lower case. Han, kana and Hangul have no spaces between words, so a run
// of them is indexed as overlapping character bigrams (`東京都` is `東京 京都`) followed by its last
// character alone (`都`): a query of two or more such characters is the phrase of its bigrams, and
// a query of one character is a prefix, which matches a bigram starting with it or a run's last.

/** One word of a text: its folded form and where it stands in the original (UTF-16 offsets). */
export interface SearchToken {
  readonly token: string;
  readonly start: number;
  readonly end: number;
}

/** Longest token kept, in UTF-16 code units; longer words are cut (bounds index keys). */
export const MAX_TOKEN_LENGTH = 64;

const WORD_RUN = /[\p{L}\p{N}\p{M}]+/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u30FC]/u;
const CJK_RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u30FC]+/gu;
const ACCENTS = /(?<=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]/gu;
// ASCII has no compatibility forms, accents or marks, and its letters and digits are A-Z, a-z and
// 0-9: text of ASCII alone folds to the same tokens by lower-casing those runs. Most chat is such
// text, and the Unicode path (two normalizations and three property regexes a word) was most of
// what indexing a message cost the store.
const ASCII = /^[\x00-\x7F]*$/;
const ASCII_WORD_RUN = /[A-Za-z0-9]+/g;
const ASCII_NOT_WORD = /[^a-z0-9]/g;
const ASCII_LOWER_RUN = /[a-z0-9]+/g;

/** Folds one word for matching: NFKC, accents off Latin-like letters, lower case. */
export function foldWord(word: string): string {
  if (ASCII.test(word)) return cutAscii(word.toLowerCase().replace(ASCII_NOT_WORD, ''));
  const folded = word
    .normalize('NFKD')
    .replace(ACCENTS, '')
    .toLowerCase()
    .normalize('NFKC')
    // Compatibility forms can bring spaces or symbols into a word (U+037A is space + mark).
    .replace(NOT_WORD, '');
  return folded.length > MAX_TOKEN_LENGTH ? cut(folded) : folded;
}

/** True when the character is one of the scripts indexed as bigrams. */
export function isCjk(char: string): boolean {
  return CJK.test(char);
}

/**
 * The tokens of a text, in order, with their places in it. For a `query`, a CJK run of two or more
 * characters leaves out its last character alone: the query's bigrams then match anywhere in a run.
 */
export function searchTokens(text: string, query = false): SearchToken[] {
  if (ASCII.test(text)) return asciiTokens(text);
  const tokens: SearchToken[] = [];
  for (const run of text.matchAll(WORD_RUN)) {
    const runStart = run.index;
    let last = 0;
    for (const cjk of run[0].matchAll(CJK_RUNS)) {
      pushWord(tokens, run[0].slice(last, cjk.index), runStart + last);
      pushBigrams(tokens, cjk[0], runStart + cjk.index, query);
      last = cjk.index + cjk[0].length;
    }
    pushWord(tokens, run[0].slice(last), runStart + last);
  }
  return tokens;
}

/** The folded tokens of a text, in order: what an index stores for it. */
export function indexTokens(text: string): string[] {
  // Indexing runs for every message stored: ASCII text skips even the token objects.
  if (ASCII.test(text)) return (text.toLowerCase().match(ASCII_LOWER_RUN) ?? []).map(cutAscii);
  return searchTokens(text).map((entry) => entry.token);
}

function pushWord(tokens: SearchToken[], word: string, start: number): void {
  if (word === '') return;
  const token = foldWord(word);
  if (token !== '') tokens.push({ token, start, end: start + word.length });
}

function pushBigrams(tokens: SearchToken[], run: string, start: number, query: boolean): void {
  const chars = [...run];
  let offset = start;
  const count = query && chars.length > 1 ? chars.length - 1 : chars.length;
  for (let i = 0; i < count; i++) {
    const char = chars[i]!;
    const next = chars[i + 1];
    const pair = next === undefined ? char : char + next;
    const token = foldWord(pair);
    if (token !== '') tokens.push({ token, start: offset, end: offset + pair.length });
    offset += char.length;
  }
}

/** The tokens of a text of ASCII alone: what the Unicode path makes of it, without its cost. */
function asciiTokens(text: string): SearchToken[] {
  const tokens: SearchToken[] = [];
  for (const run of text.matchAll(ASCII_WORD_RUN)) {
    const word = run[0];
    tokens.push({ token: cutAscii(word.toLowerCase()), start: run.index, end: run.index + word.length });
  }
  return tokens;
}

function cutAscii(word: string): string {
  return word.length > MAX_TOKEN_LENGTH ? word.slice(0, MAX_TOKEN_LENGTH) : word;
}

/** Cuts a folded word to the token limit without splitting a surrogate pair. */
function cut(word: string): string {
  const end = /[\uD800-\uDBFF]/.test(word[MAX_TOKEN_LENGTH - 1] ?? '')
    ? MAX_TOKEN_LENGTH - 1
    : MAX_TOKEN_LENGTH;
  return word.slice(0, end);
}
