#!/usr/bin/env node
import type { Command } from 'commander';
import { createAdminCommand } from './admin-command.js';
import { createProgram, type ProgramOptions, toConfig, withoutLeadingSeparator } from './cli-options.js';
import { redactUrl } from './cluster/redis-connection.js';
import type { ServerConfig } from './config.js';
import { startServer } from './server.js';
import { SERVER_VERSION } from './version.js';
import { createWebhookCommand } from './webhooks/command.js';

const program = createProgram();
const output = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
};
program
  .addCommand(createAdminCommand(() => program.opts<ProgramOptions>(), output))
  .addCommand(createWebhookCommand(() => program.opts<ProgramOptions>(), output))
  .action(() => serve(toConfig(program.opts<ProgramOptions>())));
forEachCommand(program, (command) =>
  command
    // A bad flag or value: one line that says what to do, and exit 2 as command-line tools do.
    .configureOutput({
      outputError: (text, write) =>
        write(`${text.trimEnd()} (${commandPath(command)} --help lists every option)\n`),
    })
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2)),
);
await program.parseAsync(withoutLeadingSeparator(process.argv.slice(2)), { from: 'user' });

/** `aurora-server webhook create`, as typed. */
function commandPath(command: Command): string {
  return command.parent ? `${commandPath(command.parent)} ${command.name()}` : command.name();
}

function forEachCommand(command: Command, apply: (command: Command) => void): void {
  apply(command);
  for (const sub of command.commands) forEachCommand(sub, apply);
}

async function serve(config: ServerConfig): Promise<void> {
  try {
    const server = await startServer(config);
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const address = `${host.includes(':') ? `[${host}]` : host}:${server.port}`;
    const scheme = config.tls === undefined ? 'http' : 'https';
    process.stdout.write(
      `Aurora ${SERVER_VERSION} is up: browser ${scheme}://${address}  terminal ${scheme === 'https' ? 'wss' : 'ws'}://${address}/ws\n` +
        `${whereHistoryIs(config)} Press Ctrl+C to stop.\n`,
    );
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(1);
      stopping = true;
      process.stdout.write(`${signal}: closing connections and flushing history...\n`);
      const force = setTimeout(() => process.exit(1), 8000);
      force.unref();
      server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`aurora-server: shutdown failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    process.stderr.write(`aurora-server: ${startFailure(config, error)}\n`);
    process.exit(1);
  }
}

/** The one line a failed start prints. */
function startFailure(config: ServerConfig, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'REDIS_UNREACHABLE' ||
    code === 'DATA_FOLDER_UNUSABLE' ||
    code === 'TLS_FILE' ||
    code === 'DATA_TOO_NEW'
    ? (error as Error).message
    : code === 'EADDRINUSE'
      ? `port ${config.port} on ${config.host} is already in use; stop the other process or pick another with --port`
      : code === 'EACCES'
        ? `no permission to listen on ${config.host}:${config.port}; use a port above 1023`
        : code === 'EADDRNOTAVAIL'
          ? `${config.host} is not an address of this machine; check --host`
          : /^Could not locate the bindings file/.test((error as Error).message)
            ? // npm 11 skips dependencies' install scripts until they are approved.
              'better-sqlite3 (the SQLite driver) was installed without its native module: run `npm install-scripts approve better-sqlite3 && npm rebuild better-sqlite3` in the folder it was installed in'
            : `could not start: ${(error as Error).message}`;
}

function whereHistoryIs(config: ServerConfig): string {
  if (config.redis !== undefined)
    return `Cluster mode: history is kept in Redis at ${redactUrl(config.redis)}.`;
  if (config.dataDir === undefined) return 'History is kept in memory only (--memory).';
  return `History is kept in ${config.dataDir}.`;
}
