export { eventually } from './eventually.js';
export * from './frames.js';
export { freePort } from './free-port.js';
export { ManualClock } from './manual-clock.js';
export type { ServerProcess, ServerProcessOptions } from './server-process.js';
export { CHAT_BIN, SERVER_BIN, startServer } from './server-process.js';
