/** Names of the keys the client binds. */
export type KeyName =
  | 'enter'
  | 'newline'
  | 'tab'
  | 'backspace'
  | 'delete'
  | 'escape'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'pageup'
  | 'pagedown'
  | 'insert'
  | 'f1'
  | 'f2'
  | 'f3'
  | 'f4'
  | 'char';

/** One key press. For `char`, `text` is the character (a letter for Ctrl combinations). */
export interface KeyPress {
  readonly name: KeyName;
  readonly text: string;
  readonly ctrl: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
}

/** What one chunk of terminal input means. */
export type InputEvent =
  | { readonly type: 'key'; readonly key: KeyPress }
  /** Typed or pasted text without line breaks. */
  | { readonly type: 'text'; readonly text: string }
  /** Pasted text with line breaks (normalized to `\n`): it belongs in one message. */
  | { readonly type: 'paste'; readonly text: string }
  /** Bracketed paste markers (`ESC [200~` ... `ESC [201~`). */
  | { readonly type: 'paste-start' }
  | { readonly type: 'paste-end' }
  /** The terminal gained (`CSI I`) or lost (`CSI O`) focus; reported once focus reporting is on. */
  | { readonly type: 'focus'; readonly focused: boolean };

const CSI = /^\x1b(\x1b)?\[(\d*(?:;\d*)*)([~A-Za-z])$/;
const SS3 = /^\x1b(\x1b)?O([A-Za-z])$/;
const LETTER_KEYS: Readonly<Record<string, KeyName>> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  P: 'f1',
  Q: 'f2',
  R: 'f3',
  S: 'f4',
};
const TILDE_KEYS: Readonly<Record<number, KeyName>> = {
  1: 'home',
  2: 'insert',
  3: 'delete',
  4: 'end',
  5: 'pageup',
  6: 'pagedown',
  7: 'home',
  8: 'end',
  11: 'f1',
  12: 'f2',
  13: 'f3',
  14: 'f4',
};
// rxvt sends shifted arrows as ESC [ a..d and control arrows as ESC O a..d.
const RXVT_ARROWS: Readonly<Record<string, KeyName>> = { a: 'up', b: 'down', c: 'right', d: 'left' };

function key(name: KeyName, modifiers: Partial<Omit<KeyPress, 'name'>> = {}): InputEvent {
  return {
    type: 'key',
    key: {
      name,
      text: modifiers.text ?? '',
      ctrl: !!modifiers.ctrl,
      alt: !!modifiers.alt,
      shift: !!modifiers.shift,
    },
  };
}

/** Modifier flags from an xterm modifier parameter (`1;5` is Ctrl). */
function modifiers(param: string | undefined): { ctrl: boolean; alt: boolean; shift: boolean } {
  const bits = Math.max(0, Number(param ?? 1) - 1);
  return { shift: (bits & 1) !== 0, alt: (bits & 2) !== 0 || (bits & 8) !== 0, ctrl: (bits & 4) !== 0 };
}

/**
 * Decodes one chunk of input as Ink's input parser hands it over (one escape sequence, or a run of
 * text). Unlike Ink's `useInput` it tells Backspace from Delete, keeps Alt+Enter and Ctrl+J apart
 * from Enter, and reports bracketed-paste markers, which a chat input needs. Unknown escape
 * sequences decode to nothing rather than to stray text.
 */
export function decodeInput(raw: string): InputEvent[] {
  if (raw === '') return [];
  if (raw === '\r') return [key('enter')];
  if (raw === '\n') return [key('newline', { ctrl: true })];
  if (raw === '\t') return [key('tab')];
  if (raw === '\x7f' || raw === '\b') return [key('backspace')];
  if (raw === '\x1b') return [key('escape')];
  if (raw === '\x1b\r' || raw === '\x1b\n') return [key('enter', { alt: true })];
  if (raw === '\x1b\x7f' || raw === '\x1b\b') return [key('backspace', { alt: true })];
  if (raw === '\x1b\x1b') return [key('escape', { alt: true })];
  if (raw.length === 1 && raw < ' ') {
    const code = raw.charCodeAt(0);
    return code >= 1 && code <= 26 ? [key('char', { text: String.fromCharCode(code + 96), ctrl: true })] : [];
  }
  if (raw.startsWith('\x1b')) return decodeEscape(raw);
  return decodeText(raw);
}

function decodeEscape(raw: string): InputEvent[] {
  const csi = CSI.exec(raw);
  if (csi) {
    const [, doubled, params = '', final = ''] = csi;
    const parts = params.split(';');
    const mods = modifiers(parts[1]);
    if (doubled) mods.alt = true;
    if (final === '~') {
      const number = Number(parts[0]);
      if (number === 200) return [{ type: 'paste-start' }];
      if (number === 201) return [{ type: 'paste-end' }];
      const name = TILDE_KEYS[number];
      return name ? [key(name, mods)] : [];
    }
    if (final === 'Z') return [key('tab', { shift: true })];
    // Focus reports (mode 1004) carry no parameters; they never reach the input as keys or text.
    if ((final === 'I' || final === 'O') && params === '' && !doubled)
      return [{ type: 'focus', focused: final === 'I' }];
    const rxvt = RXVT_ARROWS[final];
    if (rxvt) return [key(rxvt, { ...mods, shift: true })];
    const name = LETTER_KEYS[final];
    return name ? [key(name, mods)] : [];
  }
  const ss3 = SS3.exec(raw);
  if (ss3) {
    const [, doubled, final = ''] = ss3;
    const rxvt = RXVT_ARROWS[final];
    if (rxvt) return [key(rxvt, { ctrl: true, alt: !!doubled })];
    const name = LETTER_KEYS[final];
    return name ? [key(name, { alt: !!doubled })] : [];
  }
  const rest = raw.slice(1);
  if ([...rest].length === 1 && rest >= ' ')
    return [key('char', { text: rest, alt: true, shift: rest !== rest.toLowerCase() })];
  return [];
}

function decodeText(raw: string): InputEvent[] {
  // A slow link can deliver "al" and Tab in one read, as it can text and Enter (below).
  if (/^[^\t\r\n]+\t$/.test(raw)) return [...decodeText(raw.slice(0, -1)), key('tab')];
  // Other control characters in typed or pasted text would only confuse the input; tabs become spaces.
  const text = raw.replace(/\t/g, ' ').replace(/[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]/g, '');
  if (!/[\r\n]/.test(text)) return text ? [{ type: 'text', text }] : [];
  // A slow link can deliver "hello" and Enter in one read: a single trailing Enter is still Enter.
  if (/^[^\r\n]+\r$/.test(text)) return [{ type: 'text', text: text.slice(0, -1) }, key('enter')];
  return [{ type: 'paste', text: text.replace(/\r\n?/g, '\n') }];
}
