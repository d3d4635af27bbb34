import type { ServerMessage } from 'aurora-protocol';
import { chat, error, joined, members, welcome } from 'aurora-testkit';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, renderChat } from '../testing/render-chat.js';
import { waitForFrame } from '../testing/wait-for-frame.js';

afterEach(() => cleanup());

const statusOf = (screen: string) => screen.split('\n')[0] ?? '';
const inputOf = (screen: string) =>
  (screen.split('\n').findLast((row) => / ›( |$)/.test(row)) ?? '').trimEnd();
const panelOf = (screen: string) =>
  screen
    .split('\n')
    .map((row) => row.split('│ ').at(-1)?.trimEnd() ?? '')
    .join('\n');
const at = (h: number, m: number) => Date.UTC(2026, 2, 3, h, m);
const auth = (ref: 'login' | 'register'): ServerMessage => ({
  type: 'auth',
  account: 'alice',
  token: 'new-token',
  expiresAt: at(23, 0),
  ref,
});

describe('logging in from the chat', () => {
  it('asks for the password in the input, shows a bullet per character and never the characters', async () => {
    const app = renderChat({ nick: 'guest1' });
    await app.server.accept(joined('dev', { members: members('guest1') }));
    expect(statusOf(app.screen())).toContain('guest1 (guest)');
    await app.type('/login alice');
    await app.press(KEYS.enter);
    expect(inputOf(app.screen())).toBe('password for alice ›');
    const frames: string[] = [];
    for (const ch of 'hunter22') {
      await app.type(ch);
      frames.push(app.screen());
    }
    await app.press(KEYS.backspace);
    await app.type('3');
    frames.push(app.screen());
    expect(inputOf(app.screen())).toBe('password for alice › ••••••••');
    for (const frame of frames) expect(frame).not.toMatch(/hunter|2{2}|23/);
    await app.press(KEYS.enter);
    expect(app.server.received().filter((m) => m.type === 'login')).toEqual([
      { type: 'login', name: 'alice', password: 'hunter23', ref: 'login' },
    ]);
    expect(inputOf(app.screen())).toBe('#dev ›');
    // The password is not in the input history.
    await app.press(KEYS.up);
    expect(inputOf(app.screen())).toBe('#dev › /login alice');
    await app.press(KEYS.up);
    expect(app.screen()).not.toContain('hunter23');
  });

  it('becomes the account after the server accepts, and says so in the status line', async () => {
    const app = renderChat({ nick: 'alice' });
    await app.opened();
    app.sockets.last().open();
    await app.server.send(error('name_registered', 'the name alice is registered; log in to use it'));
    expect(app.screen()).toContain('log in with /login alice');
    expect(statusOf(app.screen())).toContain('name registered — /login or /nick NAME');
    await app.type('/login');
    await app.press(KEYS.enter);
    await app.type('correct horse');
    await app.press(KEYS.enter);
    await app.server.send(auth('login'), { ...welcome('alice'), account: 'alice' }, joined('dev'));
    expect(app.sockets.last().sentOf('hello').at(-1)).toMatchObject({ token: 'new-token' });
    expect(statusOf(app.screen())).toMatch(/online │ #dev +✓ alice\s*$/);
  });

  it('asks twice when registering and starts over when the two differ; Esc cancels', async () => {
    const app = renderChat({ nick: 'alice' });
    await app.server.accept(joined('dev'));
    await app.type('/register');
    await app.press(KEYS.enter);
    await app.type('first password');
    await app.press(KEYS.enter);
    expect(inputOf(app.screen())).toBe('repeat the password ›');
    await app.type('other password');
    await app.press(KEYS.enter);
    expect(app.screen()).toContain('The two passwords differ');
    expect(inputOf(app.screen())).toBe('password for alice ›');
    await app.press('\x1b');
    expect(inputOf(app.screen())).toBe('#dev ›');
    expect(app.screen()).toContain('Cancelled; nothing was sent.');
    expect(app.server.received().filter((m) => m.type === 'register')).toEqual([]);
  });

  it('clears a password typed on the command line and keeps it out of the history', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev'));
    await app.type('/login alice hunter22');
    await app.press(KEYS.enter);
    expect(inputOf(app.screen())).toBe('#dev ›');
    expect(app.screen()).toContain('Type the password at the prompt');
    await app.press(KEYS.up);
    expect(app.screen()).not.toContain('hunter22');
  });

  it('joins a room with its password, and Up brings the command back without the password', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev'));
    await app.type('/join #vault hunter22');
    await app.press(KEYS.enter);
    expect(app.server.received()).toContainEqual(
      expect.objectContaining({ type: 'join', room: 'vault', password: 'hunter22' }),
    );
    await waitForFrame(app.screen, (frame) => inputOf(frame) === '#dev ›', 'the input emptied');
    await app.press(KEYS.up);
    const recalled = await waitForFrame(
      app.screen,
      (frame) => inputOf(frame) === '#dev › /join #vault',
      'the command recalled without its password',
    );
    expect(recalled).not.toContain('hunter22');
  });
});

describe('while you were away', () => {
  it('shows the digest at the top with time, room or DM, sender and text, until the user moves on', async () => {
    const app = renderChat({ loggedIn: true, rooms: ['dev', 'ops'], size: { columns: 100, rows: 20 } });
    await app.server.accept(
      {
        type: 'digest',
        mentions: [chat(7, 'bob', 'alice: can you **review** this?', { room: 'ops', ts: at(9, 12) })],
        direct: [chat(3, 'carol', 'lunch?\x1b[31m', { to: 'alice', ts: at(10, 5) })],
        truncated: false,
      },
      { ...joined('dev', { members: members('alice') }), read: 0, unread: 0 },
      { ...joined('ops', { seq: 9 }), read: 5, unread: 4 },
    );
    const screen = app.screen();
    expect(screen).toContain('While you were away: 1 mention, 1 direct message');
    expect(screen).toMatch(/09:12 #ops +bob +alice: can you review this\?/);
    expect(screen).toMatch(/10:05 DM +carol +lunch\?/);
    expect(screen).not.toContain('\x1b[31m');
    // Unread counts from the server, the mention marked; the conversation from the digest too.
    expect(panelOf(screen)).toMatch(/2 #ops +4!\n/);
    expect(panelOf(screen)).toMatch(/3 @carol +1!/);
    await app.press(KEYS.ctrlRight);
    expect(app.screen()).not.toContain('While you were away');
  });
});

describe('read markers', () => {
  it('moves the marker when the newest messages are on screen, and not while scrolled up', async () => {
    const app = renderChat({ loggedIn: true, size: { columns: 80, rows: 12 } });
    const history = Array.from({ length: 30 }, (_, i) => chat(i + 1, 'bob', `message ${i + 1}`));
    await app.server.accept({ ...joined('dev', { history, seq: 30 }), read: 10, unread: 20 });
    const reads = () => app.server.received().filter((m) => m.type === 'read');
    expect(reads()).toEqual([{ type: 'read', target: 'dev', seq: 30 }]);
    await app.press(KEYS.pageUp);
    app.clock.advance(5000);
    await app.server.send(chat(31, 'bob', 'while scrolled up'));
    expect(reads()).toHaveLength(1);
    await app.press(KEYS.end);
    expect(reads().at(-1)).toEqual({ type: 'read', target: 'dev', seq: 31 });
  });

  it('clears unread counts when another device read the room', async () => {
    const app = renderChat({ loggedIn: true, rooms: ['dev', 'ops'] });
    await app.server.accept(
      { ...joined('dev'), read: 0, unread: 0 },
      { ...joined('ops', { seq: 5 }), read: 2, unread: 3 },
    );
    expect(panelOf(app.screen())).toMatch(/2 #ops +3\n/);
    await app.server.send({ type: 'read', target: 'ops', seq: 5 });
    expect(panelOf(app.screen())).toMatch(/2 #ops\n/);
  });
});
