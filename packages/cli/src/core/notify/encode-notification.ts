import type { NotifyMode } from '../config.js';

/** A way a notification reaches the terminal, once `auto` has been settled. */
export type NotifyKind = Exclude<NotifyMode, 'auto'>;

/** What a notification says, already made safe by {@link notificationText}. */
export interface NotificationText {
  readonly title: string;
  readonly body: string;
}

/** Where the escape goes and what tells it apart from the previous ones. */
export interface EncodeOptions {
  /** Running inside tmux: the escape is wrapped so tmux hands it to the terminal outside. */
  readonly tmux: boolean;
  /** OSC 99's notification id (`i=`): unique per notification, so two never merge. */
  readonly id: string;
}

const ESC = '\x1b';
const ST = `${ESC}\\`;
const OSC = `${ESC}]`;

/**
 * The bytes that ask the terminal for a desktop notification, or '' for `off`. The text must come
 * from {@link notificationText}: it holds no control character and no `;`, so it can neither end
 * the sequence early nor start another one. Every sequence ends with ST (`ESC \`), which every
 * terminal that reads these accepts (iTerm2 documents "ST means either BEL or ESC \").
 */
export function encodeNotification(kind: NotifyKind, text: NotificationText, options: EncodeOptions): string {
  switch (kind) {
    case 'off':
      return '';
    // tmux rings the bell itself (and marks the window), so BEL is never wrapped.
    case 'bell':
      return '\x07';
    case 'osc777':
      return wrap(`${OSC}777;notify;${text.title};${text.body}${ST}`, options.tmux);
    case 'osc9':
      // OSC 9 has no title; the body says who and where.
      return wrap(`${OSC}9;${text.title}: ${text.body}${ST}`, options.tmux);
    case 'osc99':
      return wrap(kittyNotification(text, options.id), options.tmux);
  }
}

/**
 * kitty's OSC 99 in two chunks sharing one id: the title (`d=0`: more follows), then the body
 * (`d=1`: show it). Payloads are base64 (`e=1`), so no character of the text can reach the
 * metadata or the terminator; the id is restricted to kitty's word characters.
 */
function kittyNotification(text: NotificationText, id: string): string {
  const safeId = id.replace(/[^A-Za-z0-9_+.-]/g, '') || 'aurora';
  const chunk = (done: 0 | 1, part: 'title' | 'body', payload: string) =>
    `${OSC}99;i=${safeId}:d=${done}:e=1:p=${part};${Buffer.from(payload, 'utf8').toString('base64')}${ST}`;
  return chunk(0, 'title', text.title) + chunk(1, 'body', text.body);
}

/**
 * tmux's passthrough: `ESC P tmux ; <the sequence with every ESC doubled> ESC \`. tmux (3.3 and
 * later) forwards it only with `set -g allow-passthrough on` (`all` in 3.4 and later also forwards
 * it from a pane that is not on screen); without it tmux drops the sequence silently.
 */
export function tmuxPassthrough(sequence: string): string {
  return `${ESC}Ptmux;${sequence.replaceAll(ESC, ESC + ESC)}${ST}`;
}

function wrap(sequence: string, tmux: boolean): string {
  return tmux ? tmuxPassthrough(sequence) : sequence;
}
