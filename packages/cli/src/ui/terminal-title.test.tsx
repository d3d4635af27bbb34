import { chat, joined, members } from 'aurora-testkit';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, renderChat } from '../testing/render-chat.js';
import { TITLE_DEBOUNCE_MS } from './use-terminal-title.js';

afterEach(() => cleanup());

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (at most two seconds) until the last title written is `wanted`. */
async function titled(titles: readonly string[], wanted: string): Promise<void> {
  for (const deadline = Date.now() + 2000; titles.at(-1) !== wanted && Date.now() < deadline; )
    await tick(10);
  expect(titles.at(-1)).toBe(wanted);
}

describe('the terminal title', () => {
  it('follows the unread count and the room on screen, once per settled change', async () => {
    const app = renderChat({ rooms: ['dev', 'ops'], title: true });
    await app.server.accept(joined('dev', { members: members('alice', 'bob') }), joined('ops'));
    await titled(app.titles, '#dev — aurora');
    const before = app.titles.length;
    await app.server.send(
      chat(1, 'bob', 'one', { room: 'ops' }),
      chat(2, 'bob', 'two', { room: 'ops' }),
      chat(3, 'bob', 'three', { room: 'ops' }),
    );
    await titled(app.titles, '(3) #dev — aurora');
    // A burst is one title, and a state that changes nothing in the title writes none.
    await app.server.send(chat(4, 'carol', 'here', { room: 'dev' }));
    await tick(TITLE_DEBOUNCE_MS * 2);
    expect(app.titles.slice(before)).toEqual(['(3) #dev — aurora']);
  });

  it('names a conversation by the sanitized name of the other person', async () => {
    const app = renderChat({ rooms: ['dev'], title: true });
    await app.server.accept(joined('dev'));
    await app.server.send(chat(1, 'mal\x1b]2;pwned\x07', 'hi', { to: 'alice' }));
    await titled(app.titles, '(1) #dev — aurora');
    await app.press(KEYS.ctrlRight);
    await titled(app.titles, '@mal — aurora');
    expect(app.titles.join('')).not.toMatch(/[\x00-\x1f]/);
  });

  it('writes no title with --title off', async () => {
    const app = renderChat({ rooms: ['dev'] });
    await app.server.accept(joined('dev'));
    await app.server.send(chat(1, 'bob', 'hi', { room: 'dev' }));
    await tick(TITLE_DEBOUNCE_MS * 2);
    expect(app.titles).toEqual([]);
  });
});
