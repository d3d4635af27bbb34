import { eventually } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { notifyingChatSuite } from './notify-harness.js';

// aurora-chat in tmux against a real server, its raw output captured with `tmux pipe-pane`: which
// messages become desktop notifications (OSC 777 in tmux's passthrough), byte for byte.

const { tmux, startAlice, send, captured, anyOsc777, notified } = notifyingChatSuite('notify');

const ESC = '\x1b';
const CSI_FOCUS_IN = [0x1b, 0x5b, 0x49];
const CSI_FOCUS_OUT = [0x1b, 0x5b, 0x4f];

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

describe('desktop notifications in tmux', () => {
  it('notifies a mention elsewhere and a direct message, never the room on screen while focused', async () => {
    await startAlice(['dev', 'ops']);
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
