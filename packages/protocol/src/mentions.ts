import { canonicalName } from './names.js';

/** A run of the characters names are made of (see `checkNick`): each run is one word to compare. */
const NAME_WORD = /[\p{L}\p{M}\p{N}_.-]+/gu;
/** Names never start with these; a sentence may end right after a name with them ("thanks alice."). */
const LEADING = /^[.-]+/;
const TRAILING = /[.-]+$/;
/** Words whose verdict one matcher keeps (a server scans up to 10,000 messages with one). */
const REMEMBERED_WORDS = 4096;

/**
 * The one mention rule, shared by the server (digests, unread mention counts) and every client
 * (highlights, `!` marks): returns a test for whether a text mentions `nick`, or one of the person's
 * highlight `keywords` (words they asked to count as mentions, see `checkKeyword`). A mention is a
 * whole name-word (optionally after `@`) with the same canonical form as `nick` or a keyword, so
 * case, width and look-alike letters fold (`ALICE`, `ａｌｉｃｅ`), a name inside a longer name does not
 * count (`malice`, `alice_bot`, `alice-bot`, `alice.smith`), and a full stop or dash after it does
 * not hide it (`thanks alice.`).
 */
export function mentionMatcher(nick: string, keywords: readonly string[] = []): (text: string) => boolean {
  const wanted = new Set([nick, ...keywords].map(canonicalName).filter((word) => word !== ''));
  if (wanted.size === 0) return () => false;
  // Folding is the costly part, and a backlog repeats its words: each is folded once per matcher.
  const seen = new Map<string, boolean>();
  const same = (word: string) => {
    let found = seen.get(word);
    if (found === undefined) {
      if (seen.size >= REMEMBERED_WORDS) seen.clear();
      found = word !== '' && wanted.has(canonicalName(word));
      seen.set(word, found);
    }
    return found;
  };
  return (text) => {
    for (const [word] of text.normalize('NFKC').matchAll(NAME_WORD)) {
      const bare = word.replace(LEADING, '');
      if (same(bare) || same(bare.replace(TRAILING, ''))) return true;
    }
    return false;
  };
}

/**
 * True when `text` mentions `nick` or one of `keywords` (see {@link mentionMatcher}; build one
 * matcher for many texts).
 */
export function mentions(text: string, nick: string, keywords: readonly string[] = []): boolean {
  return mentionMatcher(nick, keywords)(text);
}
