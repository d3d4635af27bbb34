import { PassThrough } from 'node:stream';
import { fakeSocketFactory } from 'aurora-client/testing';
import { type ProgramIo, runProgram } from '../cli/program.js';
import type { Settings } from '../cli/settings.js';

/** A stream that says it is (or is not) a terminal and keeps what is written to it. */
function stream(tty: boolean) {
  const pass = new PassThrough();
  let text = '';
  pass.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  Object.assign(pass, { isTTY: tty });
  // The program reads isTTY and writes; a PassThrough does both, without a real terminal.
  return { stream: pass as unknown as NodeJS.ReadStream & NodeJS.WriteStream, text: () => text };
}

/**
 * Runs the program in-process with a terminal (or not), fake sockets, the chat replaced by a
 * recorder, and `configHome` as its config folder (never the user's own).
 */
export function programHarness(configHome: string, options: { tty?: boolean } = {}) {
  const tty = options.tty ?? true;
  const stdout = stream(tty);
  const stderr = stream(false);
  const sockets = fakeSocketFactory();
  const chats: Settings[] = [];
  const interrupt = new AbortController();
  const io: ProgramIo = {
    env: { XDG_CONFIG_HOME: configHome, AURORA_NAME: 'alice' },
    stdin: stream(tty).stream,
    stdout: stdout.stream,
    stderr: stderr.stream,
    socketFactory: sockets.factory,
    runChat: async (settings) => {
      chats.push(settings);
    },
    interrupted: (controller) => interrupt.signal.addEventListener('abort', () => controller.abort()),
  };
  return {
    run: (...argv: string[]) => runProgram(argv, io),
    sockets,
    chats,
    stdout: stdout.text,
    stderr: stderr.text,
    /** Ctrl+C. */
    interrupt: () => interrupt.abort(),
  };
}

/** Polls until `check` holds, for at most 5 s. */
export async function until(check: () => boolean): Promise<void> {
  for (let waited = 0; waited < 5000 && !check(); waited += 10)
    await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error('timed out');
}
