import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWord, indexTokens, MAX_TOKEN_LENGTH, searchTokens } from './search-text.js';

describe('search tokenizer', () => {
  it('folds case, accents and compatibility forms of Latin words', () => {
    expect(indexTokens('Café CRÈME ｆｕｌｌ-width naïve İstanbul')).toEqual([
      'cafe',
      'creme',
      'full',
      'width',
      'naive',
      'istanbul',
    ]);
  });

  it('folds Greek and Cyrillic accents too, and keeps other scripts whole', () => {
    expect(indexTokens('Αθήνα Ёлка שָׁלוֹם')).toEqual(['αθηνα', 'елка', 'שָׁלוֹם']);
  });

  it('splits Han, kana and Hangul into bigrams ending with the last character', () => {
    expect(indexTokens('東京都')).toEqual(['東京', '京都', '都']);
    expect(indexTokens('我在東京tokyo住')).toEqual(['我在', '在東', '東京', '京', 'tokyo', '住']);
    expect(indexTokens('한국어')).toEqual(['한국', '국어', '어']);
  });

  it('gives each token its place in the original text', () => {
    const text = 'Hello, Wörld! 東京';
    for (const { token, start, end } of searchTokens(text))
      expect(foldWord(text.slice(start, end))).toBe(token);
  });

  it('cuts very long words', () => {
    expect(indexTokens('a'.repeat(500))).toEqual(['a'.repeat(MAX_TOKEN_LENGTH)]);
  });

  it('makes tokens of letters, digits and marks only, never empty, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        for (const { token, start, end } of searchTokens(text)) {
          expect(token).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
          expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
          expect(start).toBeLessThan(end);
          expect(end).toBeLessThanOrEqual(text.length);
        }
      }),
    );
  });

  it('tokenizes text of ASCII alone exactly as the Unicode path does, places and all', () => {
    // A non-ASCII word after it sends the same text down the Unicode path.
    const unicodePath = (text: string) => searchTokens(`${text} é`).slice(0, -1);
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 200 }), (text) => {
        expect(searchTokens(text)).toEqual(unicodePath(text));
        expect(indexTokens(text)).toEqual(unicodePath(text).map((entry) => entry.token));
      }),
    );
    // A word past the token limit is cut the same way too.
    const long = '~T17~ Deploy2 OK, x'.padEnd(90, 'Y');
    expect(searchTokens(long)).toEqual(unicodePath(long));
    expect(indexTokens(long)).toEqual(['t17', 'deploy2', 'ok', `x${'y'.repeat(MAX_TOKEN_LENGTH - 1)}`]);
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 60 }), (word) => {
        expect(`${foldWord(word)}e`).toBe(foldWord(`${word}é`));
      }),
    );
  });

  it('finds the same tokens in upper and lower case', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        expect(indexTokens(text.toUpperCase()).join(' ')).toBe(indexTokens(text.toLowerCase()).join(' '));
      }),
    );
  });
});
