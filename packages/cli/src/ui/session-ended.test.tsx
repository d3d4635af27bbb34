import { error, joined, members, welcome } from 'aurora-testkit';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, renderChat } from '../testing/render-chat.js';
import { waitForFrame } from '../testing/wait-for-frame.js';

afterEach(() => cleanup());

const inputOf = (screen: string) =>
  (screen.split('\n').findLast((row) => / ›( |$)/.test(row)) ?? '').trimEnd();
const statusOf = (screen: string) => screen.split('\n')[0] ?? '';
/** The screen's rows joined into one line, so a sentence wrapped across rows reads as one. */
const flat = (screen: string) =>
  screen
    .split('\n')
    .map((row) => row.split('│')[1]?.trim() ?? row.trim())
    .join(' ')
    .replace(/\s+/g, ' ');

/** Starts with a stored session (`--room dev`) that the server no longer accepts. */
async function staleSession() {
  const app = renderChat({ loggedIn: true, rooms: ['dev'], size: { columns: 100, rows: 20 } });
  await app.opened();
  app.sockets.last().open();
  await app.server.send(error('auth_failed', 'your session expired or was logged out; log in again'));
  return app;
}

describe('a stored session the server no longer accepts', () => {
  it('says so where the user looks, with what to do, and no longer claims the account', async () => {
    const app = await staleSession();
    const screen = await waitForFrame(
      app.screen,
      (frame) => flat(frame).includes('/nick NAME goes on as a guest'),
      'the session-ended notice',
    );
    expect(flat(screen)).toContain(
      'Your session for alice on test:8000 ended; log in again with /login alice. /nick NAME goes on as a guest; lines you type meanwhile wait.',
    );
    expect(statusOf(screen)).not.toContain('✓ alice');
  });

  it('holds a line typed meanwhile in the room, says why there, and sends it once logged in again', async () => {
    const app = await staleSession();
    await app.type('anyone here?');
    await app.press(KEYS.enter);
    const held = await waitForFrame(
      app.screen,
      (frame) => inputOf(frame) === '#dev ›' && flat(frame).includes('Not sent yet'),
      'the held line in #dev, with why it waits',
    );
    expect(flat(held)).toContain(
      'Not sent yet: your session for alice on test:8000 ended. Your lines go out once you log in again with /login alice, or go on as a guest with /nick NAME.',
    );
    expect(flat(held)).toContain('anyone here? (waits: /login alice, or /nick NAME as a guest)');
    expect(app.server.received().filter((m) => m.type === 'say')).toEqual([]);

    // /login asks for the password: the account is gone, so it does not answer "you are logged in".
    await app.type('/login alice');
    await app.press(KEYS.enter);
    await waitForFrame(
      app.screen,
      (frame) => inputOf(frame) === 'password for alice ›',
      'the password prompt',
    );
    await app.type('correct horse');
    await app.press(KEYS.enter);
    await waitForFrame(
      app.screen,
      () => app.server.received().some((m) => m.type === 'login'),
      'the log-in to go out',
    );
    app.server.sendNow({
      type: 'auth',
      account: 'alice',
      token: 'new',
      expiresAt: Date.UTC(2027, 0, 1),
      ref: 'login',
    });
    expect(
      app.server
        .received()
        .filter((m) => m.type === 'hello')
        .at(-1),
    ).toMatchObject({ token: 'new' });
    await app.server.send(
      { ...welcome('alice'), account: 'alice' },
      joined('dev', { members: members('alice') }),
    );
    await waitForFrame(
      app.screen,
      () => app.server.received().some((m) => m.type === 'say'),
      'the held line to go out',
    );
    expect(app.server.received().filter((m) => m.type === 'say')).toMatchObject([
      { room: 'dev', text: 'anyone here?' },
    ]);
    const sending = await waitForFrame(
      app.screen,
      (frame) => flat(frame).includes('anyone here? …'),
      'the line sending, no longer held',
    );
    expect(statusOf(sending)).toContain('alice');
  });
});
