import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from './search-query.js';
import { searchSnippet } from './search-snippet.js';

function terms(query: string) {
  const result = parseSearchQuery(query);
  if (!result.ok) throw new Error(result.problem);
  return result.query.terms;
}

describe('searchSnippet', () => {
  it('marks the words that matched, keeping the text as written', () => {
    expect(searchSnippet('The Café opens at <b>nine</b>', terms('cafe nine'))).toEqual([
      { text: 'The ' },
      { text: 'Café', match: true },
      { text: ' opens at <b>' },
      { text: 'nine', match: true },
      { text: '</b>' },
    ]);
  });

  it('marks prefix matches and CJK bigrams', () => {
    expect(searchSnippet('deploying now', terms('deploy*'))).toEqual([
      { text: 'deploying', match: true },
      { text: ' now' },
    ]);
    expect(searchSnippet('我在東京', terms('東京'))).toEqual([
      { text: '我在' },
      { text: '東京', match: true },
    ]);
  });

  it('cuts a long text around the first match', () => {
    const text = `${'a '.repeat(200)}needle${' b'.repeat(200)}`;
    const parts = searchSnippet(text, terms('needle'));
    expect(parts[0]?.text.startsWith('…')).toBe(true);
    expect(parts.at(-1)?.text.endsWith('…')).toBe(true);
    expect(parts.find((part) => part.match)?.text).toBe('needle');
  });

  it('is made of pieces of the text, in order', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 20 }), (text, query) => {
        const parsed = parseSearchQuery(query);
        if (!parsed.ok) return;
        const joined = searchSnippet(text, parsed.query.terms)
          .map((part) => part.text)
          .join('');
        expect(text.includes(joined.replace(/^…/, '').replace(/…$/, ''))).toBe(true);
      }),
    );
  });
});
