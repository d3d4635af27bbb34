export { freePort } from './free-port.js';
export type { ServerProcess, ServerProcessOptions } from './server-process.js';
export { CHAT_BIN, SERVER_BIN, startServer } from './server-process.js';
