import { chat, joined, members } from 'aurora-testkit';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, renderChat } from '../testing/render-chat.js';

afterEach(() => cleanup());

// The whole client over a fake socket: which messages become desktop notifications.
const start = async () => {
  const app = renderChat({ rooms: ['dev', 'ops'], notify: true });
  await app.server.accept(joined('dev', { members: members('alice', 'bob') }), joined('ops'));
  return app;
};

describe('desktop notifications', () => {
  it('tells of a mention in another room: who, where and the start of the text', async () => {
    const app = await start();
    await app.server.send(chat(1, 'bob', 'alice: **deploy** now?', { room: 'ops' }));
    expect(app.notifications).toEqual([{ title: 'bob in #ops', body: 'alice: deploy now?' }]);
  });

  it('tells of a direct message', async () => {
    const app = await start();
    await app.server.send(chat(1, 'carol', 'psst', { to: 'alice' }));
    expect(app.notifications).toEqual([{ title: 'carol (direct message)', body: 'psst' }]);
  });

  it('says nothing of messages that do not mention me, or of my own', async () => {
    const app = await start();
    await app.server.send(
      chat(1, 'bob', 'lunch?', { room: 'ops' }),
      chat(2, 'alice', 'alice here', { room: 'ops' }),
    );
    expect(app.notifications).toEqual([]);
    // The bell and the unread count still see them: notifications are the only thing quiet.
    expect(app.screen()).toMatch(/#ops +1/);
  });

  it('stays quiet about the room on screen until the terminal reports it lost focus', async () => {
    const app = await start();
    await app.server.send(chat(1, 'bob', 'alice: seen this?'));
    expect(app.notifications).toEqual([]);
    await app.press(KEYS.focusOut);
    await app.server.send(chat(2, 'bob', 'alice: still there?'));
    expect(app.notifications.map((n) => n.body)).toEqual(['alice: still there?']);
    await app.press(KEYS.focusIn);
    await app.server.send(chat(3, 'bob', 'alice: ah, you are back'));
    expect(app.notifications).toHaveLength(1);
    expect(app.bell.rings).toBe(3);
  });

  it('keeps focus reports out of the input', async () => {
    const app = await start();
    await app.type('draft');
    await app.press(KEYS.focusOut, KEYS.focusIn, KEYS.focusOut);
    expect(app.screen()).toMatch(/#dev › draft *$/m);
    expect(app.screen()).not.toMatch(/\[[IO]/);
  });

  it('tells a burst in one notification about the newest, counting the others', async () => {
    const app = await start();
    app.server.sendNow(
      chat(1, 'bob', 'alice: one', { room: 'ops' }),
      chat(2, 'bob', 'not for you', { room: 'ops' }),
      chat(3, 'carol', 'alice: three', { room: 'ops' }),
    );
    await app.settle();
    expect(app.notifications).toEqual([{ title: 'carol in #ops (+1 more)', body: 'alice: three' }]);
  });
});
