/**
 * Commands never offered as "did you mean" for an unknown one: their effect differs in kind from
 * whatever was meant (`/edit` is not `/exit`, `/kick` is not `/nick`), and following the hint
 * would leave the chat, log out, rename, clear or leave a room.
 */
const NEVER_SUGGESTED: ReadonlySet<string> = new Set([
  'quit',
  'exit',
  'logout',
  'login',
  'register',
  'nick',
  'part',
  'leave',
  'close',
  'clear',
]);

/**
 * The command name to suggest for an unknown `/typed`, among the `names` (and aliases) a client
 * knows, or undefined. Both clients answer alike. Only a likely typo is suggested: the start of a
 * name, or one edit away (a swap of two neighbours counts as one: `/jion` is `/join`), two for
 * names of five letters or more, so `/ban` is not taken for `/back`.
 */
export function suggestCommand(typed: string, names: Iterable<string>): string | undefined {
  const word = typed.toLowerCase();
  if (!word) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    if (NEVER_SUGGESTED.has(name)) continue;
    const distance = name.startsWith(word) ? 0 : editDistance(word, name);
    const allowed = Math.min(word.length, name.length) >= 5 ? 2 : 1;
    if (distance <= allowed && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and neighbour swaps. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i]!;
      const above = rows[i - 1]!;
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
  return rows[a.length]![b.length]!;
}
