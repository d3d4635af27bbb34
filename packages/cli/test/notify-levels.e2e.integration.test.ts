import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { notifyingChatSuite } from './notify-harness.js';

// aurora-chat in tmux against a real server, its raw output captured with `tmux pipe-pane`: a muted
// room writes no notification at all, and a highlight keyword writes one, byte for byte.

const { tmux, dir, startAlice, send, notifications, anyOsc777, server } = notifyingChatSuite('levels');

/** Types a command into alice's chat and waits for what it shows. */
async function command(line: string, shows: RegExp | ((screen: string) => boolean)) {
  tmux.run('send-keys', '-t', 'alice', '-l', line);
  tmux.keys('alice', 'Enter');
  await tmux.waitFor('alice', shows);
}

const statusLine = (screen: string) => screen.split('\n')[0] ?? '';

describe('notification levels in tmux', () => {
  it('writes nothing for a muted room, one notification for a keyword, and keeps a guest’s settings', async () => {
    await startAlice(['dev', 'ops', 'qa']);

    await command('/join ops', (s) => /│ #ops/.test(statusLine(s)));
    await command('/mute', /#ops is muted until you \/unmute/);
    await command('/highlight add deploy', /Highlight keywords \(1 of 50\): deploy/);
    await command('/join dev', (s) => /│ #dev/.test(statusLine(s)));

    // A mention in the muted room, then a keyword in another: both come down the one socket in
    // order, so once the second is notified the first was handled, and wrote nothing.
    await send(['--room', 'ops', '--name', 'bob', 'alice: are you there?']);
    await send(['--room', 'qa', '--name', 'carol', 'the DEPLOY is green']);
    const seen = await eventually(
      'one notification',
      () => notifications().length >= 1 && notifications(),
      15_000,
    );
    expect(seen).toEqual([{ title: 'carol in #qa', body: 'the DEPLOY is green' }]);
    expect(anyOsc777()).toBe(1);
    // The muted room counts unread without the mention mark; the keyword's room has it.
    const screen = await tmux.waitFor('alice', (s) => /#ops +1\b/.test(s) && /#qa +1!/.test(s));
    expect(screen).not.toMatch(/#ops +1!/);

    const kept = JSON.parse(readFileSync(join(dir(), 'aurora', 'guest-prefs.json'), 'utf8'));
    expect(kept.servers[server().wsUrl]).toEqual({
      levels: [],
      mutes: [{ target: 'ops' }],
      keywords: ['deploy'],
      ignored: [],
    });
  });
});
