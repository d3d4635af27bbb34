import { describe, expect, it } from 'vitest';
import { decodeInput, type KeyPress } from './decode-key.js';

const keyOf = (raw: string): Partial<KeyPress> => {
  const [event] = decodeInput(raw);
  if (event?.type !== 'key') throw new Error(`not a key: ${JSON.stringify(event)}`);
  const { name, text, ctrl, alt, shift } = event.key;
  return {
    name,
    ...(text ? { text } : {}),
    ...(ctrl ? { ctrl } : {}),
    ...(alt ? { alt } : {}),
    ...(shift ? { shift } : {}),
  };
};

describe('decodeInput', () => {
  it.each([
    ['\r', { name: 'enter' }],
    ['\x1b\r', { name: 'enter', alt: true }],
    ['\n', { name: 'newline', ctrl: true }],
    ['\t', { name: 'tab' }],
    ['\x1b[Z', { name: 'tab', shift: true }],
    ['\x7f', { name: 'backspace' }],
    ['\b', { name: 'backspace' }],
    ['\x1b\x7f', { name: 'backspace', alt: true }],
    ['\x1b[3~', { name: 'delete' }],
    ['\x1b', { name: 'escape' }],
    ['\x1b[A', { name: 'up' }],
    ['\x1bOB', { name: 'down' }],
    ['\x1b[1;2A', { name: 'up', shift: true }],
    ['\x1b[1;5D', { name: 'left', ctrl: true }],
    ['\x1b[1;3C', { name: 'right', alt: true }],
    ['\x1b\x1b[D', { name: 'left', alt: true }],
    ['\x1b[a', { name: 'up', shift: true }],
    ['\x1bOd', { name: 'left', ctrl: true }],
    ['\x1b[H', { name: 'home' }],
    ['\x1b[F', { name: 'end' }],
    ['\x1b[1~', { name: 'home' }],
    ['\x1b[4~', { name: 'end' }],
    ['\x1b[5~', { name: 'pageup' }],
    ['\x1b[6~', { name: 'pagedown' }],
    ['\x1bOQ', { name: 'f2' }],
    ['\x1b[12~', { name: 'f2' }],
    ['\x01', { name: 'char', text: 'a', ctrl: true }],
    ['\x17', { name: 'char', text: 'w', ctrl: true }],
    ['\x1b1', { name: 'char', text: '1', alt: true }],
    ['\x1bb', { name: 'char', text: 'b', alt: true }],
  ])('%j', (raw, expected) => {
    expect(keyOf(raw)).toEqual(expected);
  });

  it('reads typed text, keeping any script and emoji', () => {
    expect(decodeInput('héllo 日本 👍🏽')).toEqual([{ type: 'text', text: 'héllo 日本 👍🏽' }]);
  });

  it('treats text with line breaks as one paste, so it becomes one message', () => {
    expect(decodeInput('one\r\ntwo\rthree\n')).toEqual([{ type: 'paste', text: 'one\ntwo\nthree\n' }]);
  });

  it('still sends when a slow link delivers text and Enter together', () => {
    expect(decodeInput('hello\r')).toEqual([
      { type: 'text', text: 'hello' },
      { type: 'key', key: expect.objectContaining({ name: 'enter' }) },
    ]);
  });

  it('still completes when a slow link delivers text and Tab together', () => {
    expect(decodeInput('al\t')).toEqual([
      { type: 'text', text: 'al' },
      { type: 'key', key: expect.objectContaining({ name: 'tab' }) },
    ]);
  });

  it('reports bracketed paste markers', () => {
    expect(decodeInput('\x1b[200~')).toEqual([{ type: 'paste-start' }]);
    expect(decodeInput('\x1b[201~')).toEqual([{ type: 'paste-end' }]);
  });

  it('reports focus in and out (mode 1004), never as a key or text', () => {
    expect(decodeInput('\x1b[I')).toEqual([{ type: 'focus', focused: true }]);
    expect(decodeInput('\x1b[O')).toEqual([{ type: 'focus', focused: false }]);
    // Anything else ending in I or O is no focus report.
    expect(decodeInput('\x1b[2I')).toEqual([]);
    expect(decodeInput('\x1b\x1b[O')).toEqual([]);
    expect(decodeInput('\x1bOI')).toEqual([]);
  });

  it('drops unknown escape sequences and stray controls instead of inserting them', () => {
    expect(decodeInput('\x1b[99;9X')).toEqual([]);
    expect(decodeInput('\x1b[?25h')).toEqual([]);
    expect(decodeInput('a\x00b\tc')).toEqual([{ type: 'text', text: 'ab c' }]);
    expect(decodeInput('\x1c')).toEqual([]);
  });
});
