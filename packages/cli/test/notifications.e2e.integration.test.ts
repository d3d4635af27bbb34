import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAT_BIN, eventually, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatProcesses } from '../src/testing/chat-process.js';
import { Tmux } from './tmux.js';

// aurora-chat in tmux against a real server, its raw output captured with `tmux pipe-pane`: which
// messages become desktop notifications (OSC 777 in tmux's passthrough), byte for byte.

const tmux = new Tmux();
let server: ServerProcess;
let dir = '';
let output = '';
let processes: ChatProcesses;

const ESC = '\x1b';
const CSI_FOCUS_IN = [0x1b, 0x5b, 0x49];
const CSI_FOCUS_OUT = [0x1b, 0x5b, 0x4f];
/** One OSC 777 notify inside tmux's passthrough: every ESC of it doubled, then ESC \ to end. */
const WRAPPED_777 = /\x1bPtmux;\x1b\x1b\]777;notify;([^;\x1b]*);([^;\x1b]*)\x1b\x1b\\\x1b\\/g;

const statusLine = (screen: string) => screen.split('\n')[0] ?? '';
const captured = () => (existsSync(output) ? readFileSync(output, 'utf8') : '');
const notifications = () => [...captured().matchAll(WRAPPED_777)].map(([, title, body]) => ({ title, body }));
/** Every OSC 777 written, wrapped or not: the wrapped ones must be all of them. */
const anyOsc777 = () => captured().split(`]777;`).length - 1;
const notified = (count: number) =>
  eventually(
    `${count} notification(s) in ${output}`,
    () => notifications().length >= count && notifications(),
    15_000,
  );
const send = async (args: string[]) =>
  expect((await processes.run(['send', '--server', server.wsUrl, ...args])).code).toBe(0);

/**
 * Sends a focus report, then types a word and waits for it in the input: the terminal's input is
 * one stream read in order, so once the word shows, the report has been read. Then clears the word.
 */
async function reportFocus(bytes: number[], word: string) {
  tmux.sendBytes('alice', ...bytes);
  tmux.run('send-keys', '-t', 'alice', '-l', word);
  await tmux.waitFor('alice', new RegExp(`#dev › ${word} *$`, 'm'));
  tmux.keys('alice', 'C-u');
  await tmux.waitFor('alice', (s) => !s.includes(`#dev › ${word}`));
}

beforeAll(async () => {
  if (!Tmux.available()) throw new Error('tmux is not installed (.ci/run installs it)');
  if (!existsSync(CHAT_BIN)) throw new Error(`${CHAT_BIN} is missing: run \`pnpm build\` first`);
  server = await startServer({ memory: true });
  dir = await mkdtemp(join(tmpdir(), 'aurora-e2e-notify-'));
  output = join(dir, 'alice.out');
  processes = new ChatProcesses({ XDG_CONFIG_HOME: dir });
});

afterAll(async () => {
  tmux.kill();
  processes?.killAll();
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('desktop notifications in tmux', () => {
  it('notifies a mention elsewhere and a direct message, never the room on screen while focused', async () => {
    tmux.startChat(
      'alice',
      ['--room', 'dev,ops', '--name', 'alice', '--server', server.wsUrl, '--notify', 'osc777'],
      { XDG_CONFIG_HOME: dir },
      { captureTo: output },
    );
    await tmux.waitFor('alice', (s) => /│ online │ #dev/.test(statusLine(s)) && /#ops/.test(s));
    expect(captured()).toContain(`${ESC}[?1004h`);

    // A mention in another room: exactly one notification, in tmux's passthrough.
    await send(['--room', 'ops', '--name', 'bob', 'alice: deploy at **noon**; ok?']);
    expect(await notified(1)).toEqual([{ title: 'bob in #ops', body: 'alice: deploy at noon, ok?' }]);
    expect(anyOsc777()).toBe(1);

    // Another room, no mention: nothing. The direct message after it comes down the same socket,
    // so once it is notified the first one has surely been handled.
    await send(['--room', 'ops', '--name', 'carol', 'lunch anyone?']);
    await send(['--to', 'alice', '--name', 'dave', 'psst']);
    expect(await notified(2)).toEqual([
      { title: 'bob in #ops', body: 'alice: deploy at noon, ok?' },
      { title: 'dave (direct message)', body: 'psst' },
    ]);

    // The room on screen once the terminal lost focus: notified.
    await reportFocus(CSI_FOCUS_OUT, 'away');
    await send(['--room', 'dev', '--name', 'erin', 'alice: still there?']);
    expect((await notified(3))[2]).toEqual({ title: 'erin in #dev', body: 'alice: still there?' });

    // The room on screen while the terminal has focus: nothing (the direct message after it proves
    // it was handled).
    await reportFocus(CSI_FOCUS_IN, 'back');
    await send(['--room', 'dev', '--name', 'frank', 'alice: are you looking?']);
    await send(['--to', 'alice', '--name', 'gina', 'one more thing']);
    expect((await notified(4)).map((n) => n.title)).toEqual([
      'bob in #ops',
      'dave (direct message)',
      'erin in #dev',
      'gina (direct message)',
    ]);
    expect(anyOsc777()).toBe(4);
    await tmux.waitFor('alice', /frank │ alice: are you looking\?/);
    expect(tmux.capture('alice')).not.toMatch(/\[[IO]|777/);

    // Quitting turns focus reporting off again, with the rest of the terminal's modes.
    tmux.keys('alice', 'C-c');
    const leave = `${ESC}[?1004l${ESC}[?2004l${ESC}[?1049l`;
    await eventually(
      'focus reporting turned off',
      () => captured().lastIndexOf(leave) > captured().lastIndexOf(`${ESC}[?1004h`),
      15_000,
    );
  });
});
