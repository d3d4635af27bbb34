export { StatusLine } from './status-line.js';
export { connectionText, statusText, targetName } from './status-text.js';
