export type { Clock, TimerHandle } from './clock.js';
export type { Decoded, DecodeError, DecodeOptions } from './codec.js';
export {
  decodeClientMessage,
  decodeServerMessage,
  encodeClientMessage,
  encodeServerMessage,
  MAX_SERVER_FRAME_BYTES,
} from './codec.js';
export { suggestCommand } from './command-hint.js';
export { inDirectConversation } from './direct.js';
export { looksLikeDuration, MAX_DURATION_MS, parseDuration } from './duration.js';
export { CloseCode, ErrorCode } from './errors.js';
export type { Span } from './format.js';
export { formatMessage, safeHref } from './format.js';
export type { Limits } from './limits.js';
export {
  BIG_ROOM_MEMBERS,
  LIMITS,
  MAX_QUEUED_REQUESTS,
  MEMBERS_PAGE_MAX,
  MODERATION_LIMITS,
  PROTOCOL_VERSION,
  SEND_WINDOW,
  utf8Length,
} from './limits.js';
export { mentionMatcher, mentions } from './mentions.js';
export { applyMessageEvent, hasReacted, isMessageEvent } from './message-events.js';
export type { TextProblem } from './message-text.js';
export { textProblem } from './message-text.js';
export type { ModerationFacts } from './moderation-text.js';
export { moderationText, roleMark } from './moderation-text.js';
export { fnv1a32, NAME_PALETTE, nameColour, nameColourIndex } from './name-colour.js';
export type { NameCheck, NameProblem } from './names.js';
export { canonicalName, checkNick, checkRoom, sameName } from './names.js';
export type { PrefsChange, PrefsOutcome, PrefsRefusal } from './prefs.js';
export {
  activePrefs,
  adoptPrefs,
  changePrefs,
  checkKeyword,
  DEFAULT_NOTIFY_LEVEL,
  EMPTY_PREFS,
  isIgnored,
  isMuted,
  notifyLevel,
  PREFS_LIMITS,
  parsePrefs,
  prefsTarget,
} from './prefs.js';
export type { EmojiCheck } from './reactions.js';
export { checkEmoji, REACTION_SHORTCODES } from './reactions.js';
export { BOT_MARK, markedName, REGISTERED_MARK } from './registered-mark.js';
export type { ModeChanges, ParsedModes } from './room-modes.js';
export { MODE_LETTERS, modeLetters, modeText, parseModeChanges, settingsText } from './room-modes.js';
export type { SanitizeOptions } from './sanitize.js';
export { isTerminalSafe, sanitizeForTerminal } from './sanitize.js';
export * from './schema/client.js';
export * from './schema/common.js';
export * from './schema/server.js';
export type { ParsedSearch, SearchQuery, SearchTerm } from './search-query.js';
export { parseSearchQuery, SEARCH_LIMITS } from './search-query.js';
export { searchSnippet } from './search-snippet.js';
export type { SearchToken } from './search-text.js';
export { foldWord, indexTokens, isCjk, MAX_TOKEN_LENGTH, searchTokens } from './search-text.js';
export { RECONNECT_GRACE_MS, RECONNECT_RETRY_MS, retryAfterReconnect } from './send-retry.js';
export { stringifyForTerminal } from './terminal-json.js';
