import type { Random } from './random.js';

const ONSETS = [
  'b',
  'd',
  'f',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'w',
  'z',
  'br',
  'st',
  'tr',
  'sh',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou'];
const CODAS = ['', '', '', 'n', 'r', 's', 't', 'l', 'm', 'k'];

/**
 * Words the steady load's messages carry (see `load/fleet.ts`): kept out of the vocabulary, so a
 * word's frequency class is the corpus's alone, however long the load runs.
 */
const LOAD_WORDS = new Set('the quick brown fox jumps over lazy dog then sits down for tea'.split(' '));

/** Syllables a word of this rank gets: frequent words are short, as in every language. */
function syllablesFor(rank: number, random: Random): number {
  if (rank <= 30) return 1;
  if (rank <= 300) return 2;
  if (rank <= 2000) return 2 + Math.floor(random() * 2);
  return 3 + Math.floor(random() * 2);
}

function syllable(random: Random): string {
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)]!;
  return pick(ONSETS) + pick(VOWELS) + pick(CODAS);
}

/**
 * `size` distinct made-up words of lower-case ASCII letters, most frequent first (index 0 is rank 1):
 * pronounceable syllables, short for the frequent ranks and longer down the tail. Every word is one
 * search token as the shared tokenizer folds it.
 */
export function makeVocabulary(size: number, random: Random): string[] {
  const words: string[] = [];
  const seen = new Set<string>();
  while (words.length < size) {
    const rank = words.length + 1;
    const count = syllablesFor(rank, random);
    let word = '';
    for (let i = 0; i < count; i++) word += syllable(random);
    if (word.length < 2 || seen.has(word) || LOAD_WORDS.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  return words;
}
