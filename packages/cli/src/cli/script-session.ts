import type { ConnectionEvent, ConnectionOptions, ConnectionStatus, SocketFactory } from 'aurora-client';
import { Connection, loggedOutElsewhereText, nameRegisteredText, sessionEndedText } from 'aurora-client';
import { ErrorCode } from 'aurora-protocol';
import type { CredentialStore, StoredSession } from '../core/credentials.js';
import { SessionKeeper } from '../core/session-keeper.js';
import { CLIENT_VERSION } from '../version.js';
import { CliError, CliErrorCode } from './cli-error.js';
import type { Settings } from './settings.js';

/** Where `send`, `tail` and the account commands find and keep the session of the name they use. */
export interface ScriptCredentials {
  readonly store: CredentialStore;
  /** The stored session of `settings.nick` on this server, when logged in. */
  readonly session?: StoredSession;
}

/** A connection for a command, with its session kept in the credentials file. */
export interface ScriptSession {
  readonly connection: Connection;
  /** Closes the connection and waits until the credentials file is up to date. */
  finish(): Promise<void>;
}

/** What a command may set on its connection beyond who connects where. */
export type ScriptConnectionOptions = Pick<ConnectionOptions, 'resume' | 'newCid'>;

/**
 * Opens (but does not start) the connection a command uses: as the stored account when logged in,
 * else as a guest; retrying a first connection that fails only with `--wait`. A token that stopped
 * working is dropped from the credentials file.
 */
export function scriptSession(
  settings: Settings,
  rooms: readonly string[],
  socketFactory: SocketFactory,
  credentials: ScriptCredentials | undefined,
  extra: ScriptConnectionOptions = {},
): ScriptSession {
  const connection = connectionFor(settings, rooms, socketFactory, credentials?.session, extra);
  const keeper = credentials && new SessionKeeper(connection, credentials.store, settings.url);
  return {
    connection,
    finish: async () => {
      connection.close();
      keeper?.stop();
      await keeper?.settled();
    },
  };
}

/**
 * The connection of this client to the configured server: as the account of `session` when given,
 * else as a guest named `settings.nick`. A first connection that fails is reported (a mistyped address
 * fails fast), unless `settings.wait` asks to keep trying until the server is up.
 */
export function connectionFor(
  settings: Settings,
  rooms: readonly string[],
  socketFactory: SocketFactory,
  session: StoredSession | undefined,
  extra: ScriptConnectionOptions = {},
): Connection {
  return new Connection({
    ...extra,
    url: settings.url,
    nick: settings.nick,
    ...(session ? { session: { account: session.name, token: session.token } } : {}),
    rooms,
    ...(settings.roomPassword === undefined
      ? {}
      : { roomPasswords: Object.fromEntries(rooms.map((room) => [room, settings.roomPassword!])) }),
    client: { name: 'aurora-chat', version: CLIENT_VERSION },
    socketFactory,
    retryFirstConnect: settings.wait,
  });
}

/** The error a command stops with when its connection cannot go on; undefined while it can. */
export function statusError(status: ConnectionStatus, settings: Settings): CliError | undefined {
  const { nick, server } = settings;
  switch (status.state) {
    case 'unreachable':
      return new CliError(CliErrorCode.Unreachable, `cannot reach ${settings.url}: ${status.message}`);
    case 'refused': {
      if (status.code === ErrorCode.AuthFailed)
        return new CliError(status.code, sessionEndedText(nick, server, 'command'));
      const refused = `the server refused the name "${nick}": ${status.message}`;
      return new CliError(
        status.code,
        status.code === ErrorCode.NameRegistered ? nameRegisteredText(refused, nick, 'command') : refused,
      );
    }
    case 'logged-out':
      return new CliError('logged_out', loggedOutElsewhereText(nick, server, 'command'));
    default:
      return undefined;
  }
}

/** What a command waits for: `settle` it from the connection's events with a value or an error. */
export interface Waiting<T> {
  readonly connection: Connection;
  readonly settings: Settings;
  readonly timeoutMs: number;
  /** What the command was waiting for, for the timeout message (`an acknowledgement`). */
  readonly awaited: string;
  /** Looks at each event; calls `resolve` or `reject` once the outcome is known. */
  readonly handle: (
    event: ConnectionEvent,
    resolve: (value: T) => void,
    reject: (error: CliError) => void,
  ) => void;
}

/**
 * Starts the connection and waits until `handle` settles, the connection cannot go on (unreachable,
 * refused, logged out), or the time is up.
 */
export function settleOn<T>({ connection, settings, timeoutMs, awaited, handle }: Waiting<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new CliError(CliErrorCode.Timeout, `no ${awaited} from ${settings.url} within ${timeoutMs / 1000} s`),
      );
    }, timeoutMs);
    const ok = (value: T) => {
      clearTimeout(timer);
      resolve(value);
    };
    const fail = (error: CliError) => {
      clearTimeout(timer);
      reject(error);
    };
    connection.subscribe((event) => {
      const stopped = event.type === 'status' ? statusError(event.status, settings) : undefined;
      if (stopped) fail(stopped);
      else handle(event, ok, fail);
    });
    connection.start();
  });
}

/**
 * A listener that turns what it throws (a cursor file that can no longer be written) into the
 * command's failure: thrown inside the socket's event handler it would end the process with a stack.
 */
export function guarded(
  reject: (error: unknown) => void,
  listener: (event: ConnectionEvent) => void,
): (event: ConnectionEvent) => void {
  return (event) => {
    try {
      listener(event);
    } catch (error) {
      reject(error);
    }
  };
}
