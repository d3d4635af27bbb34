import { accountDeletedText, loginCommand, passwordChangedText } from 'aurora-client';
import { ErrorCode, type ServerMessage } from 'aurora-protocol';
import { type AccountOptions, askPassword, checkedPassword, type PasswordSource } from './account-command.js';
import { CliError, CliErrorCode } from './cli-error.js';
import { passwordsFromStdin, promptPassword } from './password-prompt.js';
import { scriptSession, settleOn } from './script-session.js';

// `aurora-chat password` and `aurora-chat account delete`: what a person does to their own account,
// over the stored session of --name, with the password typed (or piped) to prove it is them.

/** The current password and a new one: two lines of stdin, or asked (the new one twice). */
export async function askPasswordChange(
  source: PasswordSource,
  label: string,
): Promise<{ current: string; next: string }> {
  if (source.fromStdin) {
    const [current, next] = await passwordsFromStdin(source.stdin, 2);
    return { current: current!, next: checkedPassword(next!, true) };
  }
  const current = await promptPassword(`Current password for ${label}: `, source.stdin, source.stderr);
  return { current, next: await askPassword(source, `${label} (new)`, true) };
}

/** Asks a question at the terminal and resolves with the line typed (echoed, unlike a password). */
export type AskLine = (question: string) => Promise<string>;

/**
 * Has the person type the account's name to confirm its deletion; `--yes` skips it (scripts, where
 * there is no terminal to ask at).
 */
export async function confirmDeletion(
  ask: AskLine | undefined,
  stderr: PasswordSource['stderr'],
  name: string,
): Promise<void> {
  if (!ask)
    throw new CliError(
      CliErrorCode.BadUsage,
      'deleting an account asks for its name at a terminal; in scripts, add --yes',
    );
  stderr.write(
    `This deletes the account ${name} for good: its sessions, read markers and settings. Its messages stay.\n`,
  );
  if ((await ask(`Type ${name} to confirm: `)).trim() !== name)
    throw new CliError(CliErrorCode.NotConfirmed, 'the name typed differs; nothing was deleted');
}

/** Changes the password of the stored session's account; returns the line to print. */
export async function changePassword(
  options: AccountOptions,
  passwords: { current: string; next: string },
  keepSessions: boolean,
): Promise<string> {
  const answer = await request(options, 'password', (connection) =>
    connection.changePassword(passwords.current, passwords.next, keepSessions),
  );
  return answer.type === 'password_changed' ? passwordChangedText(answer.sessionsEnded) : '';
}

/**
 * Sets a new password for `settings.nick` with an admin's one-time code, no session needed; the
 * server ends every session of the account, so the one kept here is forgotten. Returns the line to print.
 */
export async function resetPassword(options: AccountOptions, code: string, next: string): Promise<string> {
  const { settings, store } = options;
  const { connection, finish } = scriptSession(settings, [], options.socketFactory, { store });
  // Asked before the connection starts, the request is the first frame on the socket (before hello).
  connection.resetPassword(settings.nick, code, next);
  try {
    await settleOn<true>({
      connection,
      settings,
      timeoutMs: options.timeoutMs,
      awaited: 'answer',
      handle: (event, answered, refused) => {
        if (event.type !== 'server') return;
        const message = event.message;
        if (message.type === 'password_changed') answered(true);
        else if (message.type === 'error' && message.ref === 'reset_password')
          refused(refusal(message.code, message.message));
      },
    });
  } finally {
    await finish();
  }
  await store.remove(settings.url, settings.nick);
  return `The password of ${settings.nick} on ${settings.server} is set, and every session of it ended; log in with ${loginCommand(settings.nick, 'command')}`;
}

/** Deletes the stored session's account; returns the line to print. */
export async function deleteAccount(options: AccountOptions, password: string): Promise<string> {
  const answer = await request(options, 'delete_account', (connection) => connection.deleteAccount(password));
  return answer.type === 'account_deleted' ? accountDeletedText(answer.account, answer.heldUntil) : '';
}

/**
 * The stored session of `settings.nick`, or a `not_logged_in` error saying how to log in: checked
 * before any password is asked, so nobody types one for nothing.
 */
export async function storedSession(options: AccountOptions) {
  const { settings, store } = options;
  const session = await store.get(settings.url, settings.nick);
  if (!session)
    throw new CliError(
      CliErrorCode.NotLoggedIn,
      `you are not logged in as ${settings.nick} on ${settings.server}; log in first: ${loginCommand(settings.nick, 'command')}`,
    );
  return session;
}

type Answer = Extract<ServerMessage, { type: 'password_changed' | 'account_deleted' }>;

/** Connects as the stored session, sends one request once online, and waits for its answer. */
async function request(
  options: AccountOptions,
  ref: 'password' | 'delete_account',
  send: (connection: ReturnType<typeof scriptSession>['connection']) => void,
): Promise<Answer> {
  const { settings, store } = options;
  const session = await storedSession(options);
  const { connection, finish } = scriptSession(settings, [], options.socketFactory, { store, session });
  try {
    return await settleOn<Answer>({
      connection,
      settings,
      timeoutMs: options.timeoutMs,
      awaited: 'answer',
      handle: (event, answered, refused) => {
        if (event.type === 'status' && event.status.state === 'online') send(connection);
        if (event.type !== 'server') return;
        const message = event.message;
        if (message.type === 'password_changed' || message.type === 'account_deleted') answered(message);
        else if (message.type === 'error' && message.ref === ref)
          refused(refusal(message.code, message.message));
      },
    });
  } finally {
    await finish(); // a deleted account's session is gone from the credentials file before we say so
  }
}

function refusal(code: string, message: string): CliError {
  if (code === ErrorCode.AuthFailed) return new CliError(code, 'wrong password; nothing changed');
  if (code === ErrorCode.BadResetCode)
    return new CliError(code, 'that reset code is wrong, used or expired; ask an admin for a new one');
  return new CliError(code, `the server refused: ${message}`);
}
