export type { Decoded, DecodeError, DecodeOptions } from './codec.js';
export {
  decodeClientMessage,
  decodeServerMessage,
  encodeClientMessage,
  encodeServerMessage,
} from './codec.js';
export { inDirectConversation } from './direct.js';
export { CloseCode, ErrorCode } from './errors.js';
export type { Span } from './format.js';
export { formatMessage, safeHref } from './format.js';
export type { Limits } from './limits.js';
export { LIMITS, PROTOCOL_VERSION, utf8Length } from './limits.js';
export { fnv1a32, NAME_PALETTE, nameColour, nameColourIndex } from './name-colour.js';
export type { NameCheck, NameProblem } from './names.js';
export { canonicalName, checkNick, checkRoom, sameName } from './names.js';
export { markedName, REGISTERED_MARK } from './registered-mark.js';
export type { SanitizeOptions } from './sanitize.js';
export { isTerminalSafe, sanitizeForTerminal } from './sanitize.js';
export * from './schema/client.js';
export * from './schema/common.js';
export * from './schema/server.js';
