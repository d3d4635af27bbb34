import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { FakeScreen, Keyboard } from './fake-terminal.js';

/** The shapes of text pasted: the three ways a long text stresses the input differently. */
export type PasteShape = 'lines' | 'oneLine' | 'wide';

/** The biggest read a pty hands over at once (seen in tmux and xterm). */
const PTY_READ = 4095;
const BRACKET_START = '\x1b[200~';
const BRACKET_END = '\x1b[201~';

/**
 * `bytes` of text (UTF-8) of one shape: `lines` of about 60 columns (a log, a stack trace), one
 * `oneLine` without breaks (minified JSON), or `wide` CJK text on one line, where every character
 * needs the grapheme segmenter and takes two columns.
 */
export function pasteText(shape: PasteShape, bytes: number): string {
  const word = shape === 'wide' ? '新しいビルド' : 'deploy ';
  const unit = Buffer.byteLength(word);
  let text = '';
  for (let i = 0; Buffer.byteLength(text) + unit <= bytes; i++)
    text += shape === 'lines' && i % 9 === 8 ? `${word.trimEnd()}\n` : word;
  return text;
}

/**
 * Pastes `text` as a terminal in bracketed-paste mode does (line breaks sent as CR, reads of at most
 * 4095 bytes, the event loop turning between reads) and returns the milliseconds from the first read
 * until the screen has been drawn after the last one.
 */
export async function timePaste(keyboard: Keyboard, screen: FakeScreen, text: string): Promise<number> {
  const raw = Buffer.from(`${BRACKET_START}${text.replace(/\n/g, '\r')}${BRACKET_END}`);
  const start = performance.now();
  for (let at = 0; at < raw.length; ) {
    // Cut on a character boundary, as the terminal's UTF-8 decoder hands whole characters over.
    let end = Math.min(raw.length, at + PTY_READ);
    while (end < raw.length && (raw[end]! & 0xc0) === 0x80) end--;
    keyboard.type(raw.subarray(at, end).toString());
    at = end;
    await nextTurn();
  }
  // Drawn once no write has come for a while.
  for (let writes = -1; writes !== screen.writes; ) {
    writes = screen.writes;
    await sleep(50);
  }
  return screen.lastWriteAt - start;
}
