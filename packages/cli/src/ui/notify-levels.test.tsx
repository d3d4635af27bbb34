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

// alice, logged in, in #dev (on screen) and #ops, with preferences from her account on the server.
const start = async (set: Partial<NotifyPrefs>) => {
  const app = renderChat({ rooms: ['dev', 'ops'], notify: true, loggedIn: true });
  await app.server.accept(prefs(set), joined('dev', { members: members('alice', 'bob') }), joined('ops'));
  return app;
};

describe('notification levels, mutes and keywords in the terminal', () => {
  it('rings nothing and notifies nothing for a muted room, and shows no !, while counting unread', async () => {
    const app = await start({ mutes: [{ target: 'ops' }] });
    await app.server.send(
      chat(1, 'bob', 'alice: look', { room: 'ops' }),
      chat(2, 'bob', 'hello?', { room: 'ops' }),
    );
    expect(app.notifications).toEqual([]);
    expect(app.bell.rings).toBe(0);
    expect(app.screen()).toMatch(/#ops +2 *│?$/m);
    expect(app.screen()).not.toMatch(/#ops +2!/);
  });

  it('notifies of every message in a room set to all', async () => {
    const app = await start({ levels: [{ target: 'ops', level: 'all' }] });
    await app.server.send(chat(1, 'bob', 'lunch?', { room: 'ops' }));
    await app.server.send(chat(2, 'carol', 'soup', { room: 'ops' }));
    expect(app.notifications.map((n) => n.body)).toEqual(['lunch?', 'soup']);
    expect(app.bell.rings).toBe(2);
  });

  it('treats a highlight keyword as a mention: a notification, the bell and the ! mark', async () => {
    const app = await start({ keywords: ['deploy'] });
    await app.server.send(chat(1, 'bob', 'the Deploy is done', { room: 'ops' }));
    expect(app.notifications).toEqual([{ title: 'bob in #ops', body: 'the Deploy is done' }]);
    expect(app.bell.rings).toBe(1);
    expect(app.screen()).toMatch(/#ops +1!/);
  });

  it('sends /mute, /notify and /highlight to the account, and shows where the room stands', async () => {
    const app = await start({});
    await app.type('/mute 2h');
    await app.press(KEYS.enter);
    await app.type('/highlight add deploy');
    await app.press(KEYS.enter);
    expect(app.server.received().filter((m) => m.type === 'mute' || m.type === 'highlight')).toEqual([
      { type: 'mute', target: 'dev', forMs: 7_200_000 },
      { type: 'highlight', op: 'add', word: 'deploy' },
    ]);
    expect(app.screen()).toMatch(/#dev is muted for 2 hours more/);
  });

  it('keeps a guest’s preferences in the terminal: /mute silences the room, and is saved', async () => {
    const kept = memoryGuestPrefs();
    const app = renderChat({ rooms: ['dev', 'ops'], notify: true, guestPrefs: kept });
    await app.server.accept(joined('dev', { members: members('alice', 'bob') }), joined('ops'));
    await app.type('/mute');
    await app.press(KEYS.enter);
    expect(kept.current.mutes).toEqual([{ target: 'dev' }]);
    expect(app.server.received().some((m) => m.type === 'mute')).toBe(false);
    await app.press(KEYS.focusOut);
    await app.server.send(chat(1, 'bob', 'alice: there?'));
    expect(app.notifications).toEqual([]);
    expect(app.bell.rings).toBe(0);
  });

  it('starts a guest with the preferences kept for the server', async () => {
    const kept = memoryGuestPrefs({ levels: [], mutes: [], keywords: ['pager'], ignored: [] });
    const app = renderChat({ rooms: ['dev', 'ops'], notify: true, guestPrefs: kept });
    await app.server.accept(joined('dev'), joined('ops'));
    await app.server.send(chat(1, 'bob', 'PAGER went off', { room: 'ops' }));
    expect(app.notifications.map((n) => n.body)).toEqual(['PAGER went off']);
  });

  it('hands a guest’s preferences to the account it registers, so nothing set meanwhile is lost', async () => {
    const kept = memoryGuestPrefs({ levels: [], mutes: [], keywords: ['pager'], ignored: [] });
    const app = renderChat({ rooms: ['dev', 'ops'], notify: true, guestPrefs: kept });
    await app.server.accept(joined('dev'), joined('ops'));
    await app.type('/mute');
    await app.press(KEYS.enter);
    await app.type('/register');
    await app.press(KEYS.enter);
    for (let i = 0; i < 2; i++) {
      await app.type('correct horse battery');
      await app.press(KEYS.enter);
    }
    const [register] = app.server.received().filter((m) => m.type === 'register');
    expect(register).toMatchObject({
      name: 'alice',
      prefs: { mutes: [{ target: 'dev' }], keywords: ['pager'] },
    });
  });
});
