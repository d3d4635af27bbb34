// Which words of a command carry a secret (a password). The command table names the rule of each
// command that takes one; the parser refuses or reads them by it, and the input's history leaves
// them out by it, so that what counts as a secret is said once.

/** Picks out the positions of a command's words (after its name) that are secrets. */
export type SecretWords = (words: readonly string[]) => readonly number[];

/**
 * `/join #room PASSWORD`: two words, one room written with its `#`, then a word with neither `#`
 * nor `,` (`/join #a #b` and `/join #a b,c` join rooms). The second word is the room's password.
 */
export const roomPasswordWord: SecretWords = (words) => {
  const [room, second] = words;
  if (words.length !== 2 || room === undefined || second === undefined) return [];
  return room.startsWith('#') && !room.includes(',') && !second.startsWith('#') && !second.includes(',')
    ? [1]
    : [];
};

/** `/mode +k PASSWORD`: every word that is not a group of mode letters (`+mk`, `-i`) is a password. */
export const modePasswordWords: SecretWords = (words) => positions(words, (word) => !/^[+-]/.test(word));

/** `/login NAME PASSWORD`, `/register NAME PASSWORD`: every word after the name is a password. */
export const wordsAfterName: SecretWords = (words) => positions(words, (_, at) => at > 0);

/**
 * `/password OLD NEW`: the command takes one flag (`--keep-sessions`) and nothing else, so any other
 * line with words is taken for passwords typed where the prompt should have asked for them.
 */
export const passwordsForFlag: SecretWords = (words) =>
  words.length === 0 || (words.length === 1 && words[0]!.startsWith('--'))
    ? []
    : positions(words, () => true);

function positions(words: readonly string[], secret: (word: string, at: number) => boolean): number[] {
  const found: number[] = [];
  words.forEach((word, at) => {
    if (secret(word, at)) found.push(at);
  });
  return found;
}
