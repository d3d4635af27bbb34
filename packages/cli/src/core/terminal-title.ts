import { sanitizeForTerminal } from 'aurora-protocol';
import { truncate } from './wrap.js';

// The window title (OSC 2) carries the unread count and the place on screen, so a terminal tab or
// a tmux status line tells of new messages while another window is in front.

/** Pushes the terminal's title on its stack (XTWINOPS 22;2), so the one from before comes back on exit. */
export const TITLE_SAVE = '\x1b[22;2t';
/** Pops the title pushed by {@link TITLE_SAVE}. Terminals without a title stack ignore both. */
export const TITLE_RESTORE = '\x1b[23;2t';

/** Most columns the place takes: tabs and status lines show far less, and the name of the app stays. */
export const MAX_PLACE_COLUMNS = 48;

const APP = 'aurora';

/**
 * The title for `unread` unread messages in all rooms and conversations and the place on screen
 * (`#dev`, `@bob`; undefined for the home view): `(3) #dev — aurora`, `#dev — aurora`, `aurora`.
 * The place is remote text and is sanitized here, whatever the caller did.
 */
export function titleText(unread: number, place: string | undefined): string {
  const count = unread > 0 ? `(${unread}) ` : '';
  const where = place === undefined ? '' : `${truncate(sanitizeForTerminal(place), MAX_PLACE_COLUMNS)} — `;
  return `${count}${where}${APP}`;
}

/**
 * The bytes that set the window title to `text` (OSC 2, ended by ST), sanitized again so nothing in
 * it can end the sequence early. Inside tmux it is written as it is, never wrapped for passthrough:
 * tmux takes OSC 2 as the pane's title (`#{pane_title}`, `#T`), and with `set -g set-titles on`
 * puts it in the outer terminal's title itself, for the pane on screen only.
 */
export function encodeTitle(text: string): string {
  return `\x1b]2;${sanitizeForTerminal(text)}\x1b\\`;
}
