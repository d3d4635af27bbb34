import { BIDI_CONTROLS, charClass, INVISIBLES } from './unicode.js';

/** Options for {@link sanitizeForTerminal}. */
export interface SanitizeOptions {
  /** Keep line feeds (message text); otherwise they become spaces (names, topics, errors). */
  readonly multiline?: boolean;
}

// ESC-introduced sequences, matched whole so that nothing of them reaches the terminal:
// CSI (ESC [ params final), OSC (ESC ] ... BEL or ST, including OSC 8 hyperlinks and OSC 52
// clipboard writes), DCS / SOS / PM / APC (ESC P|X|^|_ ... ST), and two-byte escapes (ESC c, ESC 7).
// The 8-bit C1 forms (U+009B CSI, U+009D OSC, U+0090 DCS, ...) are matched the same way. A string
// sequence with no terminator runs to the end of the text, as a terminal would swallow it.
const ESCAPE_SEQUENCE = new RegExp(
  [
    '(?:\\x1b\\[|\\x9b)[\\x30-\\x3f]*[\\x20-\\x2f]*[\\x40-\\x7e]?',
    '(?:\\x1b[\\]PX^_]|[\\x90\\x98\\x9d\\x9e\\x9f])[^\\x07\\x1b\\x9c]*(?:\\x07|\\x1b\\\\|\\x9c)?',
    '\\x1b[\\x20-\\x2f]*[\\x30-\\x7e]?',
  ].join('|'),
  'g',
);

const BIDI = charClass([BIDI_CONTROLS], 'g');
const INVISIBLE = charClass([INVISIBLES], 'g');
// ZWJ survives only inside emoji sequences (👨‍👩‍👧), where it is what joins the pictographs.
const STRAY_ZWJ = /(?<!\p{Extended_Pictographic}\p{M}*)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
const NEWLINES = /\r\n|[\r\u2028\u2029\x85\v\f]/g;
const C0_AND_DEL = /[\x00-\x08\x0a-\x1f\x7f]/g;
const C1 = /[\x80-\x9f]/g;

/**
 * Makes a remote string safe to write to a terminal. Escape sequences of every kind are removed whole;
 * remaining C0 controls show as Unicode control pictures (␇), C1 controls as U+FFFD; bidi controls and
 * zero-width characters are removed; tabs become spaces; line breaks survive only when `multiline`.
 * The result contains no byte a terminal would interpret as anything but printable text (and `\n`).
 */
export function sanitizeForTerminal(input: string, options: SanitizeOptions = {}): string {
  let text = input.toWellFormed().replace(ESCAPE_SEQUENCE, '');
  text = text.replace(NEWLINES, '\n').replace(/\t/g, ' ');
  if (!options.multiline) text = text.replace(/\n/g, ' ');
  return text
    .replace(C0_AND_DEL, (ch) => (ch === '\n' ? ch : controlPicture(ch)))
    .replace(C1, '\uFFFD')
    .replace(BIDI, '')
    .replace(INVISIBLE, '')
    .replace(STRAY_ZWJ, '');
}

/** True when the string would come out of {@link sanitizeForTerminal} unchanged. */
export function isTerminalSafe(input: string, options: SanitizeOptions = {}): boolean {
  return sanitizeForTerminal(input, options) === input;
}

function controlPicture(ch: string): string {
  const code = ch.charCodeAt(0);
  return String.fromCharCode(code === 0x7f ? 0x2421 : 0x2400 + code);
}
