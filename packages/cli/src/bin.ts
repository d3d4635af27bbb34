#!/usr/bin/env node
import './production-mode.js';
import { runProgram } from './cli/program.js';

// A reader that went away (`aurora-chat tail | head`) is a normal way for tail to end.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});

const code = await runProgram(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  runChat: async (settings, credentials) => (await import('./ui/run-chat.js')).runChat(settings, credentials),
  interrupted: (controller) => {
    process.once('SIGINT', () => controller.abort());
    process.once('SIGTERM', () => controller.abort());
  },
});
process.exitCode = code;
// Sockets close in the background; never let a slow close keep a finished command waiting.
setTimeout(() => process.exit(code), 2000).unref();
