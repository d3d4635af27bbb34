import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringifyForTerminal } from './terminal-json.js';
import { charClass, INVISIBLES } from './unicode.js';

// Every character that must never be written raw: controls, format characters (bidi, zero-width,
// BOM, tags), line and paragraph separators, and the protocol's other invisibles.
const UNSAFE = charClass(['\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}', INVISIBLES]);

describe('stringifyForTerminal', () => {
  it('escapes DEL, zero-width space, BOM and bidi controls that JSON.stringify leaves raw', () => {
    const text = 'a\x7Fb\u200Bc\uFEFFd\u202Ee\u2066f\u200Eg\u2028h\x85i\u00ADj';
    expect(JSON.stringify({ text })).toMatch(UNSAFE);
    const line = stringifyForTerminal({ text });
    expect(line).toBe('{"text":"a\\u007fb\\u200bc\\ufeffd\\u202ee\\u2066f\\u200eg\\u2028h\\u0085i\\u00adj"}');
    expect(JSON.parse(line)).toEqual({ text });
  });

  it('escapes a character beyond U+FFFF as its surrogate pair', () => {
    const text = 'tag\u{E0041}';
    expect(stringifyForTerminal(text)).toBe('"tag\\udb40\\udc41"');
    expect(JSON.parse(stringifyForTerminal(text))).toBe(text);
  });

  it('keeps printable text, emoji sequences aside, as it is', () => {
    expect(stringifyForTerminal({ text: 'héllo 新しい "q" \\ 👍🏽' })).toBe(
      JSON.stringify({ text: 'héllo 新しい "q" \\ 👍🏽' }),
    );
  });

  it('parses back to the same value and holds no unsafe character raw, whatever the strings', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    const value = fc.oneof(
      text,
      fc.dictionary(text, fc.oneof(text, fc.integer(), fc.array(text, { maxLength: 4 }))),
    );
    fc.assert(
      fc.property(value, (v) => {
        const line = stringifyForTerminal(v);
        expect(line).not.toMatch(UNSAFE);
        expect(JSON.parse(line)).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });
});
