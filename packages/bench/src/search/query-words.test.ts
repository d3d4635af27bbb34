import { describe, expect, it } from 'vitest';
import { classRanks, QueryWords } from './query-words.js';
import { seededRandom } from './random.js';

const vocabulary = Array.from({ length: 5000 }, (_, index) => `w${index + 1}`);

describe('classRanks', () => {
  it('puts the 10 most frequent words in common, 100-300 in medium and the less frequent half in rare', () => {
    expect(classRanks(5000)).toEqual({
      common: { from: 1, to: 10 },
      medium: { from: 100, to: 300 },
      rare: { from: 2501, to: 5000 },
    });
  });

  it('refuses a vocabulary too small for the classes to stay apart', () => {
    expect(() => classRanks(500)).toThrow(RangeError);
  });
});

describe('QueryWords', () => {
  const rankOf = (word: string) => Number(word.slice(1));

  it('takes the classes in turn, each word drawn from its own class', () => {
    const words = new QueryWords(vocabulary, classRanks(5000), seededRandom(1));
    const drawn = Array.from({ length: 3000 }, () => words.next());
    expect(drawn.slice(0, 6).map((query) => query.wordClass)).toEqual([
      'common',
      'medium',
      'rare',
      'common',
      'medium',
      'rare',
    ]);
    for (const { wordClass, word } of drawn) {
      const { from, to } = classRanks(5000)[wordClass];
      expect(rankOf(word)).toBeGreaterThanOrEqual(from);
      expect(rankOf(word)).toBeLessThanOrEqual(to);
    }
    // Every rank of a class comes up: both ends of common, and most of medium.
    const common = new Set(drawn.filter((query) => query.wordClass === 'common').map((query) => query.word));
    expect(common).toEqual(new Set(vocabulary.slice(0, 10)));
    const medium = new Set(drawn.filter((query) => query.wordClass === 'medium').map((query) => query.word));
    expect(medium.size).toBeGreaterThan(150);
  });

  it('asks the same words in the same order for the same seed', () => {
    const take = (seed: number) => {
      const words = new QueryWords(vocabulary, classRanks(5000), seededRandom(seed));
      return Array.from({ length: 30 }, () => words.next().word);
    };
    expect(take(5)).toEqual(take(5));
    expect(take(5)).not.toEqual(take(6));
  });
});
