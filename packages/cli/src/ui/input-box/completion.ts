import { canonicalName } from 'aurora-protocol';

/** What Tab can complete to. */
export interface CompletionSources {
  /** Command names without the slash. */
  readonly commands: readonly string[];
  /** Names of the current room's members (and the person of a conversation). */
  readonly nicks: readonly string[];
  /** This user's nick, offered last. */
  readonly me: string;
}

/** An ongoing completion: Tab again cycles through `matches`. */
export interface Completion {
  /** Where the completed word starts. */
  readonly start: number;
  /** The full replacements, suffix included (`alice: `, `/join `). */
  readonly matches: readonly string[];
  readonly index: number;
}

/**
 * The replacements for the word that ends at `cursor`: a command when the word starts the line with
 * `/`, else member names by prefix (ignoring case and compatibility forms), other people before
 * oneself. A name at the start of the line gets `: ` after it (addressing someone), elsewhere a space.
 */
export function completionsFor(
  value: string,
  cursor: number,
  sources: CompletionSources,
): { start: number; matches: string[] } | undefined {
  const before = value.slice(0, cursor);
  const start = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\n')) + 1;
  const word = before.slice(start);
  if (start === 0 && word.startsWith('/')) {
    const prefix = word.slice(1).toLowerCase();
    const matches = sources.commands.filter((c) => c.startsWith(prefix)).map((c) => `/${c} `);
    return matches.length ? { start, matches } : undefined;
  }
  const at = word.startsWith('@') ? '@' : '';
  const prefix = canonicalName(word.slice(at.length));
  if (prefix === '' && at === '') return undefined;
  const me = canonicalName(sources.me);
  const seen = new Set<string>();
  const names = [...sources.nicks]
    .filter((nick) => {
      const key = canonicalName(nick);
      if (seen.has(key) || !key.startsWith(prefix)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => Number(canonicalName(a) === me) - Number(canonicalName(b) === me) || a.localeCompare(b));
  const suffix = start === 0 ? ': ' : ' ';
  const matches = names.map((nick) => `${at}${nick}${suffix}`);
  return matches.length ? { start, matches } : undefined;
}
