// The engine every Aurora client runs on: the terminal (aurora-chat), the browser and bots.
export {
  accountDeletedText,
  loggedOutElsewhereText,
  loginCommand,
  nameRegisteredText,
  passwordChangedText,
  passwordPromptLabel,
  sessionEndedText,
} from './account-text.js';
export { awayMember, awayText } from './away.js';
export { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export { onServerMessage, toItem } from './chat-server.js';
export {
  type ChatAction,
  type ChatState,
  canLoadOlder,
  chatReducer,
  type Digest,
  initialChatState,
  listedTargets,
  type PasswordPrompt,
  type TargetState,
  type Typist,
} from './chat-state.js';
export { canonicalKey, leavingText, unsentLines } from './chat-targets.js';
export { type Clock, systemClock, type TimerHandle } from './clock.js';
export { closeReason } from './close-reason.js';
export {
  COMMAND_NAMES,
  COMMANDS,
  type CommandSpec,
  HELP_FOOTER,
  HELP_HEADING,
  helpLines,
  helpRows,
  synopsis,
} from './command-table.js';
export {
  type Command,
  type ModerationCommandAction,
  type ParsedInput,
  parseDuration,
  parseInput,
} from './commands.js';
export { Connection } from './connection.js';
export type {
  ChatConnection,
  ConnectionEvent,
  ConnectionListener,
  ConnectionOptions,
  ConnectionStatus,
  MessageChange,
  ModerationRequest,
  Outgoing,
  SessionEndReason,
  Socket,
  SocketFactory,
  SocketHandlers,
} from './connection-types.js';
export { type DigestEntry, digestEntries, digestSummary } from './digest-text.js';
export { historyEntry } from './input-history.js';
export { ItemList } from './item-list.js';
export {
  type ChatItem,
  firstSeq,
  itemTs,
  type ListTerm,
  lastSeq,
  lowerBound,
  messageOrder,
  type PendingItem,
} from './items.js';
export { type MembersPage, WHO_PAGE_SIZE, whoPage } from './member-pages.js';
export {
  CONDENSED_PEOPLE,
  CONDENSED_RUN_MIN,
  condenseRun,
  continuesRun,
  DEFAULT_QUIET_JOINS,
  hidesMembership,
  type MembershipEvent,
  membershipEvent,
  type PersonChanges,
  parseQuietJoins,
  QUIET_JOINS_CHOICES,
  type QuietJoins,
  runSentence,
} from './membership-runs.js';
export type { MessageCommandPlan } from './message-commands.js';
export { moderatesHere, planMessageCommand, reactionsText } from './message-commands.js';
export { foldEvents, isDrawn } from './message-events.js';
export {
  type ModerationCommand,
  type ModerationPlan,
  planModerationCommand,
} from './moderation-command.js';
export {
  invitesText,
  onBans,
  onInvites,
  onModerated,
  onModes,
  onRemoved,
  withRoleChange,
} from './moderation-notices.js';
export {
  type Attention,
  attentionOf,
  callsAt,
  durationText,
  handedOverPrefs,
  hiddenByIgnore,
  ignoredText,
  keywordsText,
  levelNow,
  NO_PREFS,
  notificationDue,
  prefsTargetName,
  targetPrefsText,
  visibleItems,
} from './notify-prefs.js';
export { type PrefsCommand, type PrefsCommandPlan, planPrefsCommand } from './prefs-command.js';
export { ReadMarkers } from './read-markers.js';
export { type RemoteKeyed, remoteKeyed, withEntry } from './remote-keyed.js';
export { SearchError, type SearchOptions } from './search-requests.js';
export {
  NO_RESULTS,
  type PageRequest,
  type SearchFailure,
  type SearchResults,
  type SearchResultsAction,
  searchResultsReducer,
} from './search-results.js';
export type { SecretWords } from './secret-words.js';
export {
  type StandardWebSocket,
  type StandardWebSocketClass,
  standardSocketFactory,
} from './standard-socket.js';
export {
  CURSOR_VERSION,
  type CursorDecoding,
  decodeCursor,
  encodeCursor,
  type StreamPositions,
} from './stream-cursor.js';
export {
  dmPeer,
  dmTarget,
  HOME,
  isDmTarget,
  type MessagePlace,
  messagePlace,
  targetOfWire,
} from './targets.js';
export { createTimeFormat, type TimeFormat } from './time-format.js';
export { peopleTyping, typingSentence } from './typing-text.js';
