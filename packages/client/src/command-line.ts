/** A line starting with `/` as the parser reads it: the command as typed, what follows, and its words. */
export interface CommandLine {
  /** The command's name or alias as typed, lower-cased (`j` for `/J #room`). */
  readonly typed: string;
  /** Everything after the name and the space after it. */
  readonly rest: string;
  /** `rest` split at white space. */
  readonly words: readonly string[];
}

/**
 * Splits a command line (`/join #a #b`), the one way the parser and the input's history read it;
 * undefined for a line that is said (no `/`, or `//text`).
 */
export function splitCommandLine(line: string): CommandLine | undefined {
  if (!line.startsWith('/') || line.startsWith('//')) return undefined;
  const match = /^\/(\S*)(?:\s+([\s\S]*))?$/.exec(line.trimEnd());
  const rest = match?.[2] ?? '';
  return { typed: (match?.[1] ?? '').toLowerCase(), rest, words: rest.split(/\s+/).filter(Boolean) };
}
