import { describe, expect, it } from 'vitest';
import { canonicalName, checkNick, checkRoom, sameName } from './names.js';

describe('checkNick', () => {
  it.each([
    ['alice', 'alice'],
    ['Bob_2', 'Bob_2'],
    ['zoë', 'zoë'],
    ['Мария', 'Мария'],
    ['李雷', '李雷'],
    ['ａｌｉｃｅ', 'alice'], // full-width folds to ASCII under NFKC
    ['d.j-k', 'd.j-k'],
    ['_bot', '_bot'],
  ])('accepts %j as %j', (raw, name) => {
    expect(checkNick(raw)).toEqual({ ok: true, name });
  });

  it.each([
    ['', 'empty'],
    ['a'.repeat(33), 'too_long'],
    ['al\u0007ice', 'control'],
    ['al\u001b[31mice', 'control'],
    ['alice\u202Egnp', 'bidi'],
    ['ali\u2066ce', 'bidi'],
    ['ali\u200Bce', 'invisible'],
    ['al\u200Dice', 'invisible'],
    ['\uFEFFalice', 'invisible'],
    ['al ice', 'whitespace'],
    ['al\u00A0ice', 'whitespace'],
    ['alice!', 'symbol'],
    ['<b>x</b>', 'symbol'],
    ['-alice', 'start'],
    ['.alice', 'start'],
    ['\u0430lice', 'mixed_script'], // Cyrillic а + Latin
    ['\u03B1lice', 'mixed_script'], // Greek α + Latin
    ['paypa\u0406', 'mixed_script'], // Cyrillic І
    ['a\u13DEice', 'mixed_script'], // Cherokee Ꮮ
  ])('refuses %j (%s) with a sentence saying why', (raw, reason) => {
    const result = checkNick(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.reason).toBe(reason);
      expect(result.problem.message).toMatch(/^A name/);
    }
  });

  it('counts length in characters, not UTF-16 units', () => {
    expect(checkNick('😀'.repeat(32)).ok).toBe(false); // emoji are symbols, not letters
    expect(checkNick('李'.repeat(32)).ok).toBe(true);
    expect(checkNick('𠀀'.repeat(32)).ok).toBe(true); // astral CJK: 64 UTF-16 units
  });
});

describe('canonicalName', () => {
  it.each([
    ['Alice', 'ALICE'],
    ['alice', 'ａｌｉｃｅ'],
    ['strasse', 'STRAßE'],
    ['alice', '\u0430\u04CF\u0456\u0441\u0435'], // all-Cyrillic look-alike
    ['ape', '\u0410\u0420\u0415'], // Cyrillic capitals
    ['kite', '\u03BAite'], // Greek kappa
    ['ΣΟΦΙΑ', 'σοφια'],
    ['ﬁle', 'file'], // ligature
  ])('%j and %j are the same person', (a, b) => {
    expect(canonicalName(a)).toBe(canonicalName(b));
    expect(sameName(a, b)).toBe(true);
  });

  it.each([
    ['alice', 'alicia'],
    ['bob', 'bob_'],
    ['李雷', '李电'],
  ])('%j and %j are different people', (a, b) => {
    expect(sameName(a, b)).toBe(false);
  });
});

describe('checkRoom', () => {
  it.each([
    ['dev', 'dev'],
    ['#Dev', 'dev'],
    ['ops-2', 'ops-2'],
    ['a.b_c', 'a.b_c'],
  ])('accepts %j as %j', (raw, name) => {
    expect(checkRoom(raw)).toEqual({ ok: true, name });
  });

  it.each([
    ['', 'empty'],
    ['#', 'empty'],
    ['x'.repeat(33), 'too_long'],
    ['-dev', 'start'],
    ['dev ops', 'symbol'],
    ['dév', 'symbol'],
    ['@alice', 'symbol'],
    ['dev\u001b', 'symbol'],
  ])('refuses %j (%s)', (raw, reason) => {
    const result = checkRoom(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.reason).toBe(reason);
  });
});
