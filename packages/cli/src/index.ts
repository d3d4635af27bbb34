// The non-UI core of aurora-chat, for programs that want to talk to an Aurora server the way the
// terminal client does (bots, other clients). The interactive client itself is `aurora-chat`.
export type { SendOptions } from './cli/send-command.js';
export { sendMessage } from './cli/send-command.js';
export type { TailOptions } from './cli/tail-command.js';
export { tailMessages } from './cli/tail-command.js';
// The interactive client as a component, for aurora-bench's frame-time benchmark (it renders the
// whole app with Ink over a fake socket). Importing these loads Ink and React.
export { systemClock } from './core/clock.js';
export type { ConnectionOptions } from './core/connection.js';
export { Connection } from './core/connection.js';
export type {
  ChatConnection,
  ConnectionEvent,
  ConnectionListener,
  ConnectionStatus,
  Outgoing,
  Socket,
  SocketFactory,
  SocketHandlers,
} from './core/connection-types.js';
export { NAME_PALETTE, nameColour, nameColourIndex } from './core/name-colour.js';
export { normalizeServerAddress, type ServerAddress } from './core/server-address.js';
export { tailJson, tailText } from './core/tail-format.js';
export { createTheme } from './core/theme.js';
export { createTimeFormat } from './core/time-format.js';
export { wsSocketFactory } from './core/ws-socket.js';
export { ChatApp, type ChatAppProps } from './ui/chat-app.js';
export { CLIENT_VERSION } from './version.js';
