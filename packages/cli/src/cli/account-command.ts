import type { SessionEndReason, SocketFactory } from 'aurora-client';
import { loginCommand } from 'aurora-client';
import { ErrorCode, LIMITS, type ServerMessageOf } from 'aurora-protocol';
import type { CredentialStore } from '../core/credentials.js';
import { CliError, CliErrorCode } from './cli-error.js';
import { type PromptInput, type PromptOutput, passwordFromStdin, promptPassword } from './password-prompt.js';
import { scriptSession, settleOn } from './script-session.js';
import type { Settings } from './settings.js';

/** What `register`, `login` and `logout` need. */
export interface AccountOptions {
  readonly settings: Settings;
  readonly socketFactory: SocketFactory;
  readonly store: CredentialStore;
  /** Give up after this long without an answer. */
  readonly timeoutMs: number;
}

/** Where a password comes from: the terminal (asked without echo) or the first line of stdin. */
export interface PasswordSource {
  readonly stdin: PromptInput & AsyncIterable<string | Buffer>;
  readonly stderr: PromptOutput;
  readonly fromStdin: boolean;
}

/**
 * Gets the password for `name`: from stdin with `--password-stdin`, else typed at the terminal
 * without echo, twice when registering (`confirm`). Never from a flag, where it would end up in the
 * shell history and the process list.
 */
export async function askPassword(source: PasswordSource, label: string, confirm: boolean): Promise<string> {
  if (source.fromStdin) return checkedPassword(await passwordFromStdin(source.stdin), confirm);
  const first = await promptPassword(`Password for ${label}: `, source.stdin, source.stderr);
  if (!confirm) return first;
  checkedPassword(first, true);
  const again = await promptPassword('Repeat the password: ', source.stdin, source.stderr);
  if (again !== first)
    throw new CliError(CliErrorCode.PasswordMismatch, 'the two passwords differ; nothing was sent');
  return first;
}

/** A new password must have 8 to 1024 characters; a log-in sends whatever was typed. */
export function checkedPassword(password: string, isNew: boolean): string {
  const length = [...password].length;
  if (isNew && (length < LIMITS.minPasswordLength || length > LIMITS.maxPasswordLength))
    throw new CliError(
      ErrorCode.PasswordInvalid,
      `a password needs ${LIMITS.minPasswordLength} to ${LIMITS.maxPasswordLength} characters`,
    );
  return password;
}

/** Creates the account `settings.nick` and keeps its session; returns the line to print. */
export async function registerAccount(options: AccountOptions, password: string): Promise<string> {
  const account = await authenticate('register', options, password);
  return `Registered ${account} on ${options.settings.server}; you are logged in. The session (not the password) is kept in ${options.store.path}.`;
}

/** Logs in as `settings.nick` and keeps the session; returns the line to print. */
export async function loginAccount(options: AccountOptions, password: string): Promise<string> {
  const account = await authenticate('login', options, password);
  return `Logged in as ${account} on ${options.settings.server}; send, tail and the chat use this session.`;
}

/** Logs the stored session out (on every device with `everywhere`) and forgets it; returns the line to print. */
export async function logoutAccount(options: AccountOptions, everywhere: boolean): Promise<string> {
  const { settings, store } = options;
  const where = `${settings.nick} on ${settings.server}`;
  const session = await store.get(settings.url, settings.nick);
  if (!session) return `You are not logged in as ${where}; nothing to do.`;
  const { connection, finish } = scriptSession(settings, [], options.socketFactory, { store, session });
  let reason: SessionEndReason;
  try {
    reason = await settleOn<SessionEndReason>({
      connection,
      settings,
      timeoutMs: options.timeoutMs,
      awaited: 'answer',
      handle: (event, ended) => {
        if (event.type === 'status' && event.status.state === 'online') connection.logout(everywhere);
        else if (event.type === 'session-ended') ended(event.reason);
      },
    });
  } finally {
    await finish();
  }
  if (reason === 'expired') return `The session for ${where} had already ended; this computer forgot it.`;
  return everywhere ? `Logged ${where} out on every device.` : `Logged ${where} out.`;
}

/** Sends register or login, then greets with the new token; resolves with the account's name. */
async function authenticate(kind: 'register' | 'login', options: AccountOptions, password: string) {
  const { settings } = options;
  const { connection, finish } = scriptSession(settings, [], options.socketFactory, {
    store: options.store,
  });
  // Asked before the connection starts, the request is the first frame on the socket (before hello).
  if (kind === 'register') connection.register(settings.nick, password);
  else connection.login(settings.nick, password);
  try {
    return await settleOn<string>({
      connection,
      settings,
      timeoutMs: options.timeoutMs,
      awaited: 'answer',
      handle: (event, loggedIn, refused) => {
        if (event.type === 'status' && event.status.state === 'online')
          loggedIn(event.status.account ?? settings.nick);
        else if (event.type === 'server' && event.message.type === 'error' && event.message.ref === kind)
          refused(refusal(kind, event.message, settings));
      },
    });
  } finally {
    await finish(); // the session is in the credentials file before the command says so
  }
}

/** Why the server refused a register or login, with what to do next. */
function refusal(kind: 'register' | 'login', error: ServerMessageOf<'error'>, settings: Settings): CliError {
  const { nick, server } = settings;
  if (error.code === ErrorCode.AuthFailed)
    return new CliError(error.code, `wrong name or password for ${nick} on ${server}`);
  if (error.code === ErrorCode.NameRegistered)
    return new CliError(error.code, `${error.message} (${loginCommand(nick, 'command')})`);
  const verb = kind === 'register' ? 'register' : 'log in';
  return new CliError(error.code, `the server refused to ${verb} ${nick}: ${error.message}`);
}
