import { sanitizeForTerminal } from 'aurora-protocol';
import { CredentialsError } from '../core/credentials.js';

/** Stable codes of the errors the command line reports. */
export const CliErrorCode = {
  /** A flag, argument or setting is wrong (exit 2). */
  BadUsage: 'bad_usage',
  /** The first argument names no command (exit 2); the message lists the commands. */
  UnknownCommand: 'unknown_command',
  BadConfig: 'bad_config',
  BadServerAddress: 'bad_server_address',
  NotATerminal: 'not_a_terminal',
  NoText: 'no_text',
  TextTooLong: 'text_too_long',
  /** The credentials file is unreadable or malformed. */
  BadCredentials: 'bad_credentials',
  /** The two passwords typed while registering differ. */
  PasswordMismatch: 'password_mismatch',
  /** The command needs a stored session of --name on the server: log in first (exit 2). */
  NotLoggedIn: 'not_logged_in',
  /** `account delete` was not confirmed: the name typed differs (exit 2); nothing was sent. */
  NotConfirmed: 'not_confirmed',
  /** The user cancelled (Ctrl+C at a prompt): exit 130, as shells report an interrupt. */
  Aborted: 'aborted',
  /** The server could not be reached (exit 1). */
  Unreachable: 'unreachable',
  /** No acknowledgement in time. */
  Timeout: 'timeout',
  /** A `--since` cursor, or the one in a `--cursor-file`, is not one tail printed (exit 2). */
  BadCursor: 'bad_cursor',
  /** The `--cursor-file` cannot be read or written at the start (exit 2). */
  BadCursorFile: 'bad_cursor_file',
  /** Writing the `--cursor-file` failed while tailing (exit 1): the lines printed are not saved. */
  CursorNotSaved: 'cursor_not_saved',
  /** A `send --id` key is empty, too long or not printable ASCII (exit 2). */
  BadId: 'bad_id',
} as const;

const USAGE_CODES = new Set<string>([
  CliErrorCode.BadUsage,
  CliErrorCode.UnknownCommand,
  CliErrorCode.BadConfig,
  CliErrorCode.BadServerAddress,
  CliErrorCode.NotATerminal,
  CliErrorCode.NoText,
  CliErrorCode.TextTooLong,
  CliErrorCode.BadCredentials,
  CliErrorCode.PasswordMismatch,
  CliErrorCode.NotLoggedIn,
  CliErrorCode.NotConfirmed,
  CliErrorCode.BadCursor,
  CliErrorCode.BadCursorFile,
  CliErrorCode.BadId,
]);

/**
 * An error the command line reports as one line, `aurora-chat: message [code]`, with exit code 2 for
 * usage problems and 1 for everything else. Server error codes (`name_taken`, ...) pass through as is.
 */
export class CliError extends Error {
  /** Makes an error with a stable code and a sentence for people. */
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }

  /** The process exit code for this error. */
  get exitCode(): number {
    if (this.code === CliErrorCode.Aborted) return 130;
    return USAGE_CODES.has(this.code) ? 2 : 1;
  }
}

/**
 * The one line printed for an error; anything that is not a CliError is reported without its stack.
 * Server messages and codes are quoted in it, so it goes through the terminal sanitizer too.
 */
export function describeError(error: unknown): { line: string; exitCode: number } {
  if (error instanceof CredentialsError) return describeError(new CliError(error.code, error.message));
  if (error instanceof CliError)
    return {
      line: sanitizeForTerminal(`aurora-chat: ${error.message} [${error.code}]`),
      exitCode: error.exitCode,
    };
  const message = error instanceof Error ? error.message : String(error);
  return {
    line: sanitizeForTerminal(`aurora-chat: unexpected error: ${message.split('\n')[0]} [internal]`),
    exitCode: 1,
  };
}
