/** The key bindings, as `/help` shows them (the README lists the same). */
export const KEY_BINDINGS: readonly (readonly [keys: string, what: string])[] = [
  ['Enter', 'send'],
  ['Alt+Enter, Ctrl+J', 'new line in the message (a pasted block is one message)'],
  ['Left/Right, Home/End, Ctrl+A/E', 'move in the input'],
  ['Alt+Left/Right, Alt+B/F', 'move by word'],
  ['Backspace, Delete', 'delete a character'],
  ['Ctrl+W, Alt+Backspace / Alt+D', 'delete the word before / after the cursor'],
  ['Ctrl+U / Ctrl+K', 'delete to the start / end of the line'],
  ['Up/Down', 'input history (move between lines in a multi-line message)'],
  ['Tab, Shift+Tab', 'complete names and commands, cycle through matches'],
  ['PgUp/PgDn, Shift+Up/Down', 'scroll by page / line; past the top loads older messages'],
  ['End', 'back to the newest messages'],
  ['Ctrl+Left/Right, Alt+1..9', 'switch rooms and conversations'],
  ['F2, Alt+P', 'show or hide the side panel'],
  ['Alt+N', 'message numbers in place of times, for /edit /delete /react /reply'],
  ['Ctrl+C', 'clear the input; on an empty input, quit (so does Ctrl+D)'],
];

/** The line above the key bindings in `/help`. */
export const KEYS_HEADING = 'Keys:';
