import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSearchQuery, SEARCH_LIMITS } from './search-query.js';

function parsed(text: string) {
  const result = parseSearchQuery(text);
  if (!result.ok) throw new Error(result.problem);
  return result.query;
}

describe('parseSearchQuery', () => {
  it('reads words, phrases and prefixes', () => {
    expect(parsed('Deploy "release notes" stag*').terms).toEqual([
      { tokens: ['deploy'], prefix: false },
      { tokens: ['release', 'notes'], prefix: false },
      { tokens: ['stag'], prefix: true },
    ]);
  });

  it('reads the filters', () => {
    expect(parsed('from:Alice in:#dev before:2026-12-01 after:2026-11-01 x')).toEqual({
      terms: [{ tokens: ['x'], prefix: false }],
      from: 'Alice',
      in: 'dev',
      before: Date.parse('2026-12-01T00:00:00Z'),
      after: Date.parse('2026-11-02T00:00:00Z'),
    });
    expect(parsed('in:@bob hi').in).toBe('@bob');
    expect(parsed('after:2026-11-01T10:00:00Z hi').after).toBe(Date.parse('2026-11-01T10:00:00Z') + 1);
  });

  it('allows a search by sender alone', () => {
    expect(parsed('from:alice')).toEqual({ terms: [], from: 'alice' });
  });

  it('treats FTS syntax and an unbalanced quote as literal text', () => {
    expect(parsed('a OR (b NEAR c) -d ^e "unclosed').terms.map((term) => term.tokens.join(' '))).toEqual([
      'a',
      'or',
      'b',
      'near',
      'c',
      'd',
      'e',
      'unclosed',
    ]);
  });

  it('makes a word that folds to several tokens a phrase, and a lone CJK character a prefix', () => {
    expect(parsed('e-mail').terms).toEqual([{ tokens: ['e', 'mail'], prefix: false }]);
    expect(parsed('東京都').terms).toEqual([{ tokens: ['東京', '京都'], prefix: false }]);
    expect(parsed('東京tokyo').terms).toEqual([
      { tokens: ['東京'], prefix: false },
      { tokens: ['tokyo'], prefix: false },
    ]);
    expect(parsed('都').terms).toEqual([{ tokens: ['都'], prefix: true }]);
  });

  it.each([
    ['color:red', /unknown filter "color:"/],
    ['x'.repeat(SEARCH_LIMITS.maxQueryLength + 1), /longer than/],
    ['!!! ***', /nothing to search for/],
    ['before:yesterday x', /before: needs a date/],
    ['from:a from:b', /given twice/],
    ['from:!!! x', /from: needs a name/],
    ['in:# x', /in: needs/],
    [Array.from({ length: 17 }, (_, i) => `w${i}`).join(' '), /more than 16/],
  ])('refuses %j with a sentence', (text, why) => {
    const result = parseSearchQuery(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(why);
  });

  it('never throws, and every term it returns has tokens', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const result = parseSearchQuery(text);
        if (result.ok) for (const term of result.query.terms) expect(term.tokens.length).toBeGreaterThan(0);
        else expect(result.problem).not.toBe('');
      }),
    );
  });
});
