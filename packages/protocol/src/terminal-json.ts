import { charClass, INVISIBLES } from './unicode.js';

// What JSON.stringify leaves raw that a terminal could act on, or that hides or reorders text:
// controls (C0, DEL, C1), format characters (bidi controls and marks, zero-width space and joiners,
// soft hyphen, BOM, tag characters...), line and paragraph separators, and the other invisibles the
// name rules refuse (Hangul fillers, the combining grapheme joiner).
const TERMINAL_UNSAFE = charClass(['\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}', INVISIBLES], 'g');

/**
 * `JSON.stringify(value)` with every control, format, bidi and invisible character escaped as
 * `\uXXXX` (a surrogate pair beyond U+FFFF), so the line is plain printable text that is still valid
 * JSON and parses back to exactly `value`: safe to print on a terminal as it is.
 */
export function stringifyForTerminal(value: unknown): string {
  // Outside strings JSON is ASCII without controls, so every match is inside a string literal, where
  // an escape means the same character; a raw one is never part of an escape sequence.
  return JSON.stringify(value).replace(TERMINAL_UNSAFE, (ch) => {
    let escaped = '';
    for (let i = 0; i < ch.length; i++) escaped += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return escaped;
  });
}
