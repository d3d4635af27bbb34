export {
  type Arrival,
  type ArrivalLog,
  arrivalOf,
  type ChatSession,
  chatSessionReducer,
  NO_ARRIVALS,
} from './arrivals.js';
export {
  type EncodeOptions,
  encodeNotification,
  type NotificationText,
  type NotifyKind,
  tmuxPassthrough,
} from './encode-notification.js';
export { notificationField, notificationText } from './notification-text.js';
export { readTerminalIdentity, runTmux, type TmuxRunner } from './read-terminal-identity.js';
export {
  DEFAULT_LEVEL,
  type NotifyContext,
  type NotifyLevel,
  shouldNotify,
  type TerminalFocus,
} from './should-notify.js';
export {
  autoNotifyKind,
  type KnownTerminal,
  knownTerminal,
  resolveNotifyKind,
  type TerminalIdentity,
} from './terminal-kind.js';
