export type { InputEvent, KeyName, KeyPress } from './decode-key.js';
export { decodeInput } from './decode-key.js';
export { useKeypress } from './use-keypress.js';
