import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { passwordFromStdin, promptPassword } from './password-prompt.js';
import { runProgram } from './program.js';

/** A terminal's stdin as the prompt sees it: keys arrive as data chunks in raw mode. */
class FakeTerminal extends EventEmitter {
  readonly isTTY = true;
  readonly rawModes: boolean[] = [];
  setRawMode(raw: boolean) {
    this.rawModes.push(raw);
    return this;
  }
  setEncoding() {
    return this;
  }
  resume() {
    return this;
  }
  pause() {
    return this;
  }
  /** Types keys, one chunk each, as a terminal sends them. */
  type(...chunks: string[]) {
    for (const chunk of chunks) this.emit('data', chunk);
  }
}

function terminal() {
  const input = new FakeTerminal();
  let written = '';
  const output = { write: (text: string) => (written += text) };
  return { input, output, written: () => written };
}

describe('promptPassword', () => {
  it('reads a password without echoing it, with Backspace to correct', async () => {
    const { input, output, written } = terminal();
    const password = promptPassword('Password for alice: ', input, output);
    input.type('s', 'e', 'x', '\x7f', 'c', 'ret 😀', '\x7f', '\r');
    expect(await password).toBe('secret ');
    expect(written()).toBe('Password for alice: \n');
    expect(input.rawModes).toEqual([true, false]);
  });

  it('ignores arrow keys and clears the line with Ctrl+U', async () => {
    const { input, output } = terminal();
    const password = promptPassword('Password: ', input, output);
    input.type('wrong', '\x15', 'right', '\x1b[D', '\x1b[A', '\n');
    expect(await password).toBe('right');
  });

  it('cancels on Ctrl+C with the aborted error (exit 130), restoring the terminal', async () => {
    const { input, output } = terminal();
    const password = promptPassword('Password: ', input, output);
    input.type('half', '\x03');
    const error = await password.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ code: 'aborted', exitCode: 130 });
    expect(input.rawModes).toEqual([true, false]);
  });

  it('refuses to read a password from something that is not a terminal, pointing to --password-stdin', async () => {
    const { output } = terminal();
    const pipe = Object.assign(new FakeTerminal(), { isTTY: false });
    await expect(promptPassword('Password: ', pipe, output)).rejects.toThrow(/--password-stdin/);
  });
});

describe('passwordFromStdin', () => {
  it('takes the first line of stdin without its line break', async () => {
    expect(await passwordFromStdin(Readable.from(['correct ', 'horse\r\nleft over']))).toBe('correct horse');
    await expect(passwordFromStdin(Readable.from(['\n']))).rejects.toThrow(/no password on stdin/);
  });
});

describe('aurora-chat login at a terminal', () => {
  it('exits 130 with one line and no stack trace when the password prompt is cancelled', async () => {
    const input = new FakeTerminal();
    let stderr = '';
    const sink = { write: (text: string) => (stderr += text) } as unknown as NodeJS.WriteStream;
    const run = runProgram(['login', '--name', 'alice', '--server', 'localhost:1'], {
      env: { XDG_CONFIG_HOME: '/nonexistent-aurora-test' },
      // A stand-in for the terminal: only what the prompt uses is there.
      stdin: input as unknown as NodeJS.ReadStream,
      stdout: sink,
      stderr: sink,
    });
    while (input.listenerCount('data') === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    input.type('abc', '\x03');
    expect(await run).toBe(130);
    expect(stderr).toBe(
      'Password for alice on localhost:1: \naurora-chat: cancelled; nothing was sent [aborted]\n',
    );
  });
});
