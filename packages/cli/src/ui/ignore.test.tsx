import type { NotifyPrefs } from 'aurora-protocol';
import { chat, joined, members } from 'aurora-testkit';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryGuestPrefs } from '../core/guest-prefs.js';
import { KEYS, renderChat } from '../testing/render-chat.js';

afterEach(() => cleanup());

const prefs = (set: Partial<NotifyPrefs>) => ({
  type: 'prefs' as const,
  levels: [],
  mutes: [],
  keywords: [],
  ignored: [],
  ...set,
});

// alice, logged in, in #dev (on screen) and #ops, ignoring whom her account's preferences say.
const start = async (ignored: string[]) => {
  const app = renderChat({ rooms: ['dev', 'ops'], notify: true, loggedIn: true });
  await app.server.accept(
    prefs({ ignored }),
    joined('dev', { members: members('alice', 'bob', 'carol') }),
    joined('ops'),
  );
  return app;
};

describe('ignoring people in the terminal', () => {
  it('shows nothing of an ignored person: no line, no typing, no bell, no notification, no count', async () => {
    const app = await start(['Bob']);
    await app.press(KEYS.focusOut);
    await app.server.send(
      chat(1, 'BOB', 'alice: hidden words'),
      { type: 'typing', room: 'dev', nick: 'bob', active: true },
      chat(1, 'bob', 'alice: also hidden', { room: 'ops' }),
      chat(2, 'carol', 'visible words'),
    );
    const screen = app.screen();
    expect(screen).not.toMatch(/hidden/);
    expect(screen).not.toMatch(/typing/);
    expect(screen).toMatch(/visible words/);
    expect(screen).not.toMatch(/#ops +1/);
    expect(app.notifications).toEqual([]);
    expect(app.bell.rings).toBe(0);
  });

  it('sends /ignore and /unignore to the account with a notice, and shows their lines again', async () => {
    const app = await start([]);
    await app.server.send(chat(1, 'bob', 'earlier words'));
    await app.type('/ignore bob');
    await app.press(KEYS.enter);
    expect(app.screen()).toMatch(/Ignoring bob: their messages/);
    await app.server.send(prefs({ ignored: ['bob'] }));
    expect(app.screen()).not.toMatch(/earlier words/);
    await app.type('/unignore BOB');
    await app.press(KEYS.enter);
    expect(app.screen()).toMatch(/No longer ignoring BOB/);
    await app.server.send(prefs({}));
    expect(app.screen()).toMatch(/earlier words/);
    expect(app.server.received().filter((m) => m.type === 'ignore')).toEqual([
      { type: 'ignore', op: 'add', name: 'bob' },
      { type: 'ignore', op: 'remove', name: 'BOB' },
    ]);
  });

  it('lists the ignored with /ignored, and keeps a guest’s list in the terminal', async () => {
    const kept = memoryGuestPrefs();
    const app = renderChat({ rooms: ['dev'], notify: true, guestPrefs: kept });
    await app.server.accept(joined('dev', { members: members('alice', 'bob') }));
    await app.type('/ignore bob');
    await app.press(KEYS.enter);
    expect(kept.current.ignored).toEqual(['bob']);
    expect(app.server.received().some((m) => m.type === 'ignore')).toBe(false);
    await app.server.send(chat(1, 'bob', 'alice: guest hidden'));
    await app.type('/ignored');
    await app.press(KEYS.enter);
    expect(app.screen()).toMatch(/You ignore \(1 of 100\): bob\./);
    expect(app.screen()).not.toMatch(/guest hidden/);
  });
});
