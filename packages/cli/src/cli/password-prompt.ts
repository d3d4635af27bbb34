import { graphemes } from '../core/wrap.js';
import { CliError, CliErrorCode } from './cli-error.js';

/** The little of a terminal's stdin the prompt needs, so tests can stand in for it. */
export interface PromptInput {
  readonly isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  setEncoding?(encoding: BufferEncoding): unknown;
  on(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  off(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  off(event: 'end', listener: () => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

/** Where the prompt is written: stderr, so stdout stays the command's output. */
export interface PromptOutput {
  write(text: string): unknown;
}

const CTRL_C = '\x03';
const CTRL_D = '\x04';
const CTRL_U = '\x15';
const BACKSPACES = new Set(['\x7f', '\b']);

/**
 * Reads a password from the terminal without echoing it: raw mode, nothing drawn as the user types,
 * Backspace and Ctrl+U to correct, Enter to finish. Ctrl+C (or Ctrl+D on an empty line) cancels with
 * the `aborted` error. Escape sequences (arrow keys) are ignored. The terminal is restored either way.
 */
export function promptPassword(prompt: string, input: PromptInput, output: PromptOutput): Promise<string> {
  if (!input.isTTY || !input.setRawMode)
    return Promise.reject(
      new CliError(
        CliErrorCode.BadUsage,
        'the password is read from a terminal; in scripts, pipe it in with --password-stdin',
      ),
    );
  const setRawMode = input.setRawMode.bind(input);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: CliError) => {
      input.off('data', onData);
      input.off('end', onEnd);
      setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const cancelled = () => finish(new CliError(CliErrorCode.Aborted, 'cancelled; nothing was sent'));
    const onEnd = () => cancelled();
    const onData = (chunk: string | Buffer) => {
      const text = chunk.toString();
      if (text.startsWith('\x1b')) return; // an arrow or function key: not part of a password
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === CTRL_C || (ch === CTRL_D && value === '')) return cancelled();
        if (BACKSPACES.has(ch)) value = graphemes(value).slice(0, -1).join('');
        else if (ch === CTRL_U) value = '';
        else if (ch >= ' ') value += ch;
      }
    };
    output.write(prompt);
    input.setEncoding?.('utf8');
    setRawMode(true);
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}

/** Reads a password piped to stdin (`--password-stdin`): its first line, without the line break. */
export async function passwordFromStdin(input: AsyncIterable<string | Buffer>): Promise<string> {
  const [password] = await passwordsFromStdin(input, 1);
  return password!;
}

/**
 * Reads `count` passwords piped to stdin, one a line (a password change pipes the current one, then
 * the new one); each must be there and not empty.
 */
export async function passwordsFromStdin(
  input: AsyncIterable<string | Buffer>,
  count: number,
): Promise<string[]> {
  let text = '';
  for await (const chunk of input) {
    text += chunk.toString();
    if (text.split('\n').length > count) break;
  }
  const passwords = text.split(/\r?\n/).slice(0, count);
  if (passwords.length < count || passwords.includes(''))
    throw new CliError(
      CliErrorCode.BadUsage,
      `--password-stdin found no password on stdin${count > 1 ? ` (it reads ${count}, one a line)` : ''}`,
    );
  return passwords;
}
