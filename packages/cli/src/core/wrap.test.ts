import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, foldText, graphemes, padEnd, type Segment, truncate, wrapSegments } from './wrap.js';

const plain = (text: string): Segment<string>[] => [{ text, style: 'plain' }];
const wrap = (text: string, width: number) =>
  wrapSegments(plain(text), width).map((line) => line.map((s) => s.text).join(''));

describe('wrapSegments', () => {
  it('breaks at spaces and drops the space where it breaks', () => {
    expect(wrap('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
  });

  it('cuts a word longer than the line between characters, filling the line it starts on', () => {
    expect(wrap('see https://example.com/a/very/long/path ok', 12)).toEqual([
      'see https://',
      'example.com/',
      'a/very/long/',
      'path ok',
    ]);
  });

  it('counts CJK characters as two columns and breaks between them', () => {
    const lines = wrap('日本語のテキストです', 7);
    expect(lines).toEqual(['日本語', 'のテキ', 'ストで', 'す']);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(7);
  });

  it('never splits an emoji sequence or a flag', () => {
    const lines = wrap('ok 👩‍👩‍👧‍👦🇫🇷👍🏽 done', 4);
    expect(lines).toEqual(['ok', '👩‍👩‍👧‍👦🇫🇷', '👍🏽', 'done']);
  });

  it('keeps combining marks with their letter', () => {
    expect(wrap('e\u0301e\u0301e\u0301e\u0301', 2)).toEqual(['e\u0301e\u0301', 'e\u0301e\u0301']);
  });

  it('starts a new line at a newline and keeps indentation after it', () => {
    expect(wrap('a\n  b\n\nc', 10)).toEqual(['a', '  b', '', 'c']);
  });

  it('keeps styles apart and merges runs of one style', () => {
    const bold = 'bold';
    const lines = wrapSegments<string>(
      [
        { text: 'make ', style: 'plain' },
        { text: 'it', style: bold },
        { text: ' work', style: 'plain' },
      ],
      8,
    );
    expect(lines).toEqual([
      [
        { text: 'make ', style: 'plain' },
        { text: 'it', style: 'bold' },
      ],
      [{ text: 'work', style: 'plain' }],
    ]);
  });

  it('gives an empty line for empty text', () => {
    expect(wrap('', 10)).toEqual(['']);
  });

  it('never produces a line wider than the width and never loses a non-space character', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'b', ' ', '日', '👍', 'é', '\n', '-'),
      maxLength: 80,
    });
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 30 }), (input, width) => {
        const lines = wrap(input, width);
        for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/[ \n]/g, '')).toBe(input.replace(/[ \n]/g, ''));
      }),
    );
  });
});

describe('truncate and padEnd', () => {
  it('cuts to the width with an ellipsis, counting wide characters', () => {
    expect(truncate('alexandria', 6)).toBe('alexa…');
    expect(truncate('李雷和韩梅梅', 7)).toBe('李雷和…');
    expect(truncate('bob', 6)).toBe('bob');
  });

  it('pads to the exact width', () => {
    expect(padEnd('李雷', 6)).toBe('李雷  ');
    expect(displayWidth(padEnd('李雷和韩梅梅', 7))).toBe(7);
  });

  it('splits into graphemes', () => {
    expect(graphemes('a👩‍💻b')).toEqual(['a', '👩‍💻', 'b']);
  });

  it('splits long text (read in pieces) exactly as one pass of the segmenter does', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    // Clusters that a cut could split: combining marks after ASCII, flags (pairs of regional
    // indicators), ZWJ sequences, skin tones, CR LF, Hangul syllables in jamo, a long tower of marks.
    const parts = [
      'e\u0301',
      '🇫🇷🇩🇪',
      '👩‍💻',
      '👍🏽',
      '\r\n',
      '\n',
      '\r',
      '\u1100\u1161\u11a8',
      'a',
      ' ',
      '日本',
      'か\u3099',
      '©\ufe0f',
      'ก\u0e33',
      '\u0600x',
    ];
    const tower = `x${'\u0301'.repeat(700)}`;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...parts, tower), { minLength: 200, maxLength: 900 }),
        (chosen) => {
          const text = chosen.join('');
          expect(graphemes(text)).toEqual(Array.from(segmenter.segment(text), (s) => s.segment));
        },
      ),
      { numRuns: 30 },
    );
    // Runs with no plain character to cut at, longer than one piece of the segmenter.
    const joined = ['e\u0301', '🇫🇷🇩🇪', '👩‍💻', '👍🏽', '\r', '\u1100\u1161\u11a8', 'ก\u0e33', '\u0600'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...joined), { minLength: 200, maxLength: 600 }), (chosen) => {
        const text = chosen.join('');
        expect(graphemes(text)).toEqual(Array.from(segmenter.segment(text), (s) => s.segment));
      }),
      { numRuns: 20 },
    );
  });
});

describe('wrapSegments with a first line of another width', () => {
  it('fits the first line after a prefix and the rest under an indent', () => {
    expect(
      wrapSegments(plain('one two three four'), 10, 4).map((l) => l.map((s) => s.text).join('')),
    ).toEqual(['one', 'two three', 'four']);
  });
});

describe('foldText', () => {
  it('keeps every character, wide ones whole, over rows of the given widths', () => {
    expect(foldText('abcdefgh', 3, 4)).toEqual(['abcd', 'efg', 'h']);
    expect(foldText('李雷李雷李', 4)).toEqual(['李雷', '李雷', '李']);
    expect(foldText('short', 10)).toEqual(['short']);
  });
});
