// aurora-chat as a library: its script modes, credential store and Node socket, for programs that
// run the terminal client's pieces. Bots and other clients use the engine itself: aurora-client.
// The command is `aurora-chat` (src/bin.ts).

export type { SendOptions } from './cli/send-command.js';
export { sendMessage } from './cli/send-command.js';
export type { TailOptions } from './cli/tail-command.js';
export { tailMessages } from './cli/tail-command.js';
export {
  CredentialStore,
  CredentialsError,
  credentialsPath,
  type StoredSession,
} from './core/credentials.js';
export { normalizeServerAddress, type ServerAddress } from './core/server-address.js';
export { SessionKeeper } from './core/session-keeper.js';
export { tailJson, tailText } from './core/tail-format.js';
export { createTheme, type Theme } from './core/theme.js';
export { wsSocketFactory } from './core/ws-socket.js';
// The interactive client, for aurora-bench's frame-time benchmark (it renders the whole app over a
// fake socket with the Ink and React bundled here). Importing these loads Ink and React.
export { ChatApp, type ChatAppProps } from './ui/chat-app.js';
export { limitHeapGrowth } from './ui/heap-growth.js';
export { renderChatApp } from './ui/render-chat-app.js';
export type { UiSettings } from './ui/ui-context.js';
export { CLIENT_VERSION } from './version.js';
