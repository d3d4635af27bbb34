import type { Random } from './random.js';

/** How often the words searched for occur: the three classes every figure is reported by. */
export const WORD_CLASSES = ['common', 'medium', 'rare'] as const;

/** One of {@link WORD_CLASSES}. */
export type WordClass = (typeof WORD_CLASSES)[number];

/** Ranks (1 is the most frequent word), both ends included. */
export interface RankRange {
  readonly from: number;
  readonly to: number;
}

/**
 * The ranks of each class in a vocabulary of `size` words: common are the 10 most frequent (with
 * the full corpus, each in several percent to most of the messages), medium ranks 100-300 (about
 * 0.3-1% of the messages), rare the less frequent half (a few hundred messages in a million).
 */
export function classRanks(size: number): Record<WordClass, RankRange> {
  if (size < 600) throw new RangeError('the word classes need a vocabulary of at least 600 words');
  return {
    common: { from: 1, to: 10 },
    medium: { from: 100, to: 300 },
    rare: { from: Math.floor(size / 2) + 1, to: size },
  };
}

/** One query: its word and the class it was drawn from. */
export interface QueryWord {
  readonly wordClass: WordClass;
  readonly word: string;
}

/**
 * The queries' words: the classes take turns (common, medium, rare, common...), so each gets a third
 * of the queries at any rate, and within a class every rank is equally likely.
 */
export class QueryWords {
  private turn = 0;

  constructor(
    private readonly vocabulary: readonly string[],
    private readonly ranks: Record<WordClass, RankRange>,
    private readonly random: Random,
  ) {}

  /** The next query's word. */
  next(): QueryWord {
    const wordClass = WORD_CLASSES[this.turn++ % WORD_CLASSES.length]!;
    const { from, to } = this.ranks[wordClass];
    const rank = from + Math.floor(this.random() * (to - from + 1));
    return { wordClass, word: this.vocabulary[rank - 1]! };
  }
}
