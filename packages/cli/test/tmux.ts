import { execFileSync } from 'node:child_process';
import { CHAT_BIN } from 'aurora-testkit';

/** A private tmux server for one test file, so tests never touch the user's tmux sessions. */
export class Tmux {
  readonly socket = `aurora-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  /** True when tmux is installed. */
  static available(): boolean {
    try {
      execFileSync('tmux', ['-V'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }

  /** Runs a tmux command and returns its output. */
  run(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /**
   * Starts `command` in a new session of the given size. `CI` is removed from its environment: Ink
   * draws only the final frame when it thinks it runs in CI.
   */
  start(session: string, command: readonly string[], size = { columns: 120, rows: 35 }): void {
    const quoted = command.map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
    this.run(
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      String(size.columns),
      '-y',
      String(size.rows),
      `env -u CI -u NO_COLOR TERM=xterm-256color ${quoted}`,
    );
  }

  /**
   * Starts the built aurora-chat (bell and notifications off, unless `args` turn them on) in a new
   * session, with `env` added to its environment. With `captureTo`, everything the chat writes to
   * its terminal, escapes included, is appended to that file from its very first byte.
   */
  startChat(
    session: string,
    args: readonly string[],
    env: Readonly<Record<string, string>> = {},
    options: { readonly captureTo?: string } = {},
  ): void {
    const vars = Object.entries(env).map(([name, value]) => `${name}=${value}`);
    const chat = ['env', ...vars, process.execPath, CHAT_BIN, '--bell', 'off', '--notify', 'off', ...args];
    if (options.captureTo === undefined) {
      this.start(session, chat);
      return;
    }
    // The shell waits for Enter before it becomes the chat, so the pipe is open before its first byte.
    this.start(session, ['sh', '-c', 'read go && exec "$@"', 'sh', ...chat]);
    this.pipeOutput(session, options.captureTo);
    this.keys(session, 'Enter');
  }

  /** Appends the raw output of the session's pane (what its program writes, escapes and all) to `file`. */
  pipeOutput(session: string, file: string): void {
    this.run('pipe-pane', '-O', '-t', session, `cat >> '${file.replace(/'/g, `'\\''`)}'`);
  }

  /** Writes bytes to the session's program as if the terminal sent them (`sendBytes(s, 0x1b, 0x5b, 0x49)`). */
  sendBytes(session: string, ...bytes: number[]): void {
    this.run('send-keys', '-t', session, '-H', ...bytes.map((byte) => byte.toString(16).padStart(2, '0')));
  }

  /** The visible screen of a session, as text. */
  capture(session: string): string {
    return this.run('capture-pane', '-p', '-t', session);
  }

  /** Where the terminal cursor is (column and row, from 0), and whether it is shown. */
  cursor(session: string): { x: number; y: number; visible: boolean } {
    const [x, y, flag] = this.run('display', '-p', '-t', session, '#{cursor_x} #{cursor_y} #{cursor_flag}')
      .trim()
      .split(' ')
      .map(Number);
    return { x: x ?? -1, y: y ?? -1, visible: flag === 1 };
  }

  /** Types text literally, then presses Enter after a short pause (as a person would). */
  async typeLine(session: string, text: string): Promise<void> {
    this.run('send-keys', '-t', session, '-l', text);
    await sleep(150);
    this.run('send-keys', '-t', session, 'Enter');
  }

  /** Presses keys by tmux name (`Enter`, `PPage`, `C-c`). */
  keys(session: string, ...keys: string[]): void {
    this.run('send-keys', '-t', session, ...keys);
  }

  /** True while the session exists (its program still runs). */
  alive(session: string): boolean {
    try {
      this.run('has-session', '-t', session);
      return true;
    } catch {
      return false;
    }
  }

  /** Polls the screen until `check` accepts it; fails with the last screen after the deadline. */
  async waitFor(
    session: string,
    check: RegExp | ((screen: string) => boolean),
    timeoutMs = 15_000,
  ): Promise<string> {
    const test = typeof check === 'function' ? check : (screen: string) => check.test(screen);
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.alive(session) ? this.capture(session) : '(session ended)';
      if (test(screen)) return screen;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${check} in ${session}; the screen was:\n${screen}`);
  }

  /** Stops the tmux server and every session in it. */
  kill(): void {
    try {
      this.run('kill-server');
    } catch {
      // Already gone.
    }
  }
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
