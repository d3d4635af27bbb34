import { ack, chat, error, joined, members } from 'aurora-testkit';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { displayWidth } from '../core/wrap.js';
import { KEYS, renderChat } from '../testing/render-chat.js';
import { waitForFrame } from '../testing/wait-for-frame.js';

afterEach(() => cleanup());

const statusOf = (screen: string) => screen.split('\n')[0] ?? '';
const panelOf = (screen: string) =>
  screen
    .split('\n')
    .map((row) => row.split('│ ').at(-1)?.trimEnd() ?? '')
    .join('\n');

describe('App', () => {
  it('shows the server, connection state, room and topic in the status line', async () => {
    const app = renderChat();
    expect(statusOf(app.screen())).toContain('test:8000 │ connecting…');
    await app.server.accept(joined('dev', { topic: 'ship it', members: members('alice', 'bob') }));
    expect(statusOf(app.screen())).toMatch(/test:8000 │ online │ #dev │ ship it +alice \(guest\)\s*$/);
  });

  it('counts down while reconnecting, then resumes without showing anything twice', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev', { history: [chat(1, 'bob', 'before the restart')] }));
    app.sockets.last().drop(1001);
    await app.settle();
    expect(statusOf(app.screen())).toContain('reconnecting in 1 s');
    app.clock.advance(375);
    app.sockets.last().open();
    expect(app.sockets.last().sentOf('hello')[0]?.resume).toEqual({ dev: 1 });
    await app.server.accept(
      joined('dev', { seq: 2 }),
      chat(1, 'bob', 'before the restart'),
      chat(2, 'bob', 'while you were away'),
      { type: 'resumed', target: 'dev', recovered: true, replayed: 1, seq: 2 },
    );
    const screen = app.screen();
    expect(statusOf(screen)).toContain('online');
    expect(screen.split('before the restart')).toHaveLength(2);
    expect(screen).toContain('while you were away');
  });

  it('lists rooms with unread counts and mention marks, and members with away shown', async () => {
    const app = renderChat({ rooms: ['dev', 'ops'] });
    await app.server.accept(
      joined('dev', {
        members: [
          { nick: 'alice', away: false },
          { nick: 'bob', away: true },
        ],
      }),
      joined('ops'),
      chat(1, 'carol', 'deploy done', { room: 'ops' }),
      chat(2, 'carol', 'alice: please check', { room: 'ops' }),
    );
    const panel = panelOf(app.screen());
    expect(panel).toMatch(/1 #dev\n2 #ops +2!/);
    expect(panel).toContain('Members (2)\nalice\nbob (away)');
  });

  it('shows mentions and direct messages elsewhere in the status line while the side panel is hidden', async () => {
    const app = renderChat({ rooms: ['dev', 'ops'], size: { columns: 60, rows: 20 } });
    await app.server.accept(joined('dev'), joined('ops'));
    app.server.sendNow(
      chat(1, 'carol', 'alice: the pager went off', { room: 'ops' }),
      chat(2, 'bob', 'got a minute?', { to: 'alice' }),
    );
    // 60 columns: no side panel. The server's name gives way to the markers; names are never cut.
    const narrow = await waitForFrame(
      app.screen,
      (s) => statusOf(s).includes(' online │ #dev [#ops 1!] [@bob 1!]'),
      'the markers at 60 columns',
    );
    expect(displayWidth(statusOf(narrow))).toBeLessThanOrEqual(60);
    await app.resize({ columns: 100, rows: 20 });
    await waitForFrame(app.screen, (s) => !statusOf(s).includes('[#ops'), 'no markers beside the panel');
    await app.press(KEYS.f2);
    await waitForFrame(app.screen, (s) => statusOf(s).includes('#dev [#ops 1!] [@bob 1!]'), 'markers, F2');
  });

  it('switches rooms with Ctrl+Right and Alt+number, clearing the unread count', async () => {
    const app = renderChat({ rooms: ['dev', 'ops'] });
    await app.server.accept(
      joined('dev'),
      joined('ops', { topic: 'on call' }),
      chat(1, 'carol', 'hi', { room: 'ops' }),
    );
    await app.press(KEYS.ctrlRight);
    expect(statusOf(app.screen())).toContain('#ops │ on call');
    expect(panelOf(app.screen())).toMatch(/2 #ops\n/);
    expect(app.screen()).toContain('carol │ hi');
    await app.press(KEYS.alt('1'));
    expect(statusOf(app.screen())).toContain('#dev');
  });

  it('hides and shows the side panel with F2', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev', { members: members('alice', 'bob') }));
    expect(app.screen()).toContain('Members (2)');
    await app.press(KEYS.f2);
    expect(app.screen()).not.toContain('Members (2)');
    await app.press(KEYS.f2);
    expect(app.screen()).toContain('Members (2)');
  });

  it('shows who is typing under the messages', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev'));
    await app.server.send({ type: 'typing', room: 'dev', nick: 'bob', active: true });
    expect(app.screen()).toContain('bob is typing…');
    await app.server.send({ type: 'typing', room: 'dev', nick: 'bob', active: false });
    expect(app.screen()).not.toContain('typing');
  });

  it('rings the bell on a mention or a direct message, not on other messages or my own', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev'));
    await app.server.send(chat(1, 'bob', 'lunch?'), chat(2, 'alice', 'alice here'));
    expect(app.bell.rings).toBe(0);
    await app.server.send(chat(3, 'bob', 'hey alice, look'));
    expect(app.bell.rings).toBe(1);
    await app.server.send(chat(1, 'carol', 'psst', { to: 'alice' }));
    expect(app.bell.rings).toBe(2);
  });

  it('rings on every message with the bell on all, and never with it off', async () => {
    const all = renderChat({ bell: 'all' });
    await all.server.accept(joined('dev'));
    await all.server.send(chat(1, 'bob', 'one'));
    await all.server.send(chat(2, 'bob', 'two'));
    expect(all.bell.rings).toBe(2);
    const off = renderChat({ bell: 'off' });
    await off.server.accept(joined('dev'));
    await off.server.send(chat(1, 'bob', 'alice!'));
    expect(off.bell.rings).toBe(0);
  });

  it('never lets a remote escape sequence reach the terminal', async () => {
    const app = renderChat();
    const evil = '\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07\x9b31m\u202e';
    await app.server.accept(
      joined('dev', {
        topic: `topic${evil}`,
        members: members('alice', `bob${evil}`),
        history: [chat(1, `bob${evil}`, `text${evil} https://x.dev/${evil}`)],
      }),
    );
    await app.server.send(
      { type: 'typing', room: 'dev', nick: `carol${evil}`, active: true },
      { type: 'error', code: 'internal', message: `error${evil}` },
      { type: 'rooms', rooms: [{ room: `r${evil}`, members: 1, topic: evil }] },
    );
    const screen = app.screen();
    expect(screen).toContain('topic');
    expect(screen).toContain('error');
    expect(screen).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  });

  it('reflows on resize and never draws past the width', async () => {
    const long = 'a fairly long message that will need to wrap onto more lines when the terminal gets narrow';
    const app = renderChat({ size: { columns: 100, rows: 14 } });
    await app.server.accept(joined('dev', { history: [chat(1, 'bob', long)] }));
    const wide = app.screen().split('\n');
    await app.resize({ columns: 44, rows: 14 });
    const narrow = app.screen().split('\n');
    for (const row of narrow) expect(displayWidth(row)).toBeLessThanOrEqual(44);
    const rowsWith = (rows: string[]) =>
      rows.filter((r) => /fairly|message|wrap|lines|terminal|narrow/.test(r)).length;
    expect(rowsWith(narrow)).toBeGreaterThan(rowsWith(wide));
  });

  it('says so when the terminal is too small', async () => {
    const app = renderChat({ size: { columns: 15, rows: 4 } });
    expect(app.screen()).toContain('Terminal too');
  });
});

describe('App before its room is joined', () => {
  it('sends a line typed before the join to that room once it is joined, showing the room at once', async () => {
    const app = renderChat({ rooms: ['dev'] });
    await app.server.accept();
    await app.type('hello early');
    await app.press(KEYS.enter);
    expect(statusOf(app.screen())).toContain('#dev');
    expect(app.screen()).toContain('hello early');
    expect(app.screen()).not.toContain('You are not in a room');
    expect(app.server.received().map((m) => m.type)).toEqual(['hello']);
    await app.server.send(joined('dev'));
    expect(app.server.received().slice(1)).toEqual([
      expect.objectContaining({ type: 'say', room: 'dev', text: 'hello early' }),
    ]);
    expect(statusOf(app.screen())).toContain('#dev');
  });
});

describe('App without rooms', () => {
  it('explains how to join a room', async () => {
    const app = renderChat({ rooms: [] });
    await app.server.accept();
    expect(app.screen()).toContain('You are in no room yet: /join ROOM to join one');
    await app.type('hello?');
    await app.press(KEYS.enter);
    expect(app.screen()).toContain('You are not in a room: /join ROOM first');
    expect(app.server.received().map((m) => m.type)).toEqual(['hello']);
  });
});

describe('App started with --wait', () => {
  it('says it waits for a server it never reached, then goes online once it is up', async () => {
    const app = renderChat({ wait: true, size: { columns: 160, rows: 16 } });
    await app.opened();
    app.sockets.last().fail('connection refused (is the server running?)');
    await app.settle();
    expect(statusOf(app.screen())).toContain('test:8000 │ waiting for the server, retry in 1 s │ aurora');
    expect(app.screen()).toContain(
      'Cannot reach test:8000 yet: connection refused (is the server running?). Trying again until it is up; /quit gives up.',
    );
    app.clock.advance(375);
    await app.settle();
    expect(statusOf(app.screen())).toContain('test:8000 │ connecting…');
    await app.server.accept(joined('dev'));
    expect(statusOf(app.screen())).toContain('test:8000 │ online │ #dev');
  });
});

describe('App leaving a room', () => {
  /** Enters lines one by one, as typed. */
  const enter = async (app: ReturnType<typeof renderChat>, ...lines: string[]) => {
    for (const line of lines) {
      await app.type(line);
      await app.press(KEYS.enter);
    }
  };
  /** What the client wrote, typing notices aside. */
  const sentTypes = (app: ReturnType<typeof renderChat>) =>
    app.server
      .received()
      .filter((m) => m.type !== 'typing')
      .map((m) => (m.type === 'say' ? `say ${m.text}` : m.type === 'join' ? `join ${m.room}` : m.type));

  it('keeps the room open until the lines typed there are stored, then leaves after them', async () => {
    const app = renderChat({ rooms: ['dev', 'ops'], size: { columns: 160, rows: 16 } });
    await app.server.accept(joined('dev'), joined('ops'));
    await enter(app, 'one', 'two', 'three');
    await app.server.send(
      ack('c1', 1),
      error('rate_limited', 'too many messages', { cid: 'c2', retryAfterMs: 1000 }),
      error('rate_limited', 'too many messages', { cid: 'c3', retryAfterMs: 1000 }),
    );
    await enter(app, '/leave');
    expect(sentTypes(app)).not.toContain('leave');
    expect(statusOf(app.screen())).toContain('#dev │ leaving after 2 unsent lines');
    expect(app.screen()).toContain('Leaving dev once your 2 unsent lines are delivered');
    await enter(app, 'four');
    expect(app.screen()).toContain('You are leaving dev; /join dev to stay');
    app.clock.advance(1000);
    await app.server.send(ack('c2', 2));
    expect(statusOf(app.screen())).toContain('#dev │ leaving after 1 unsent line');
    await app.server.send(ack('c3', 3));
    expect(sentTypes(app).slice(1)).toEqual([
      'say one',
      'say two',
      'say three',
      'say two',
      'say three',
      'leave',
    ]);
    await app.server.send({ type: 'left', room: 'dev' });
    expect(statusOf(app.screen())).toContain('online │ #ops');
    expect(panelOf(app.screen())).not.toContain('#dev');
  });

  it('stays in the room, and sends again, when it is joined before its lines are out', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev'));
    await enter(app, 'one', '/leave', '/join ops,dev');
    expect(statusOf(app.screen())).not.toContain('leaving');
    await app.server.send(ack('c1', 1));
    await enter(app, 'two');
    // dev was never left: no join for it, no leave.
    expect(sentTypes(app).slice(1)).toEqual(['say one', 'join ops', 'say two']);
    expect(statusOf(app.screen())).toContain('online │ #dev');
  });

  it('stays on a room joined again while its leave was on its way', async () => {
    const app = renderChat({ rooms: ['dev', 'ops'] });
    await app.server.accept(joined('dev'), joined('ops'));
    await enter(app, '/leave', '/join dev');
    expect(sentTypes(app).slice(-2)).toEqual(['leave', 'join dev']);
    await app.server.send({ type: 'left', room: 'dev' }, joined('dev'));
    expect(statusOf(app.screen())).toContain('online │ #dev');
    expect(statusOf(app.screen())).not.toContain('leaving');
  });

  it('says so when a line refused for good is left behind as the room closes', async () => {
    const app = renderChat({ rooms: ['dev', 'ops'], size: { columns: 160, rows: 16 } });
    await app.server.accept(joined('dev'), joined('ops'));
    await enter(app, 'one', '/leave');
    await app.server.send(error('text_too_long', 'the text is too long', { cid: 'c1' }));
    expect(sentTypes(app).at(-1)).toBe('leave');
    await app.server.send({ type: 'left', room: 'dev' });
    expect(statusOf(app.screen())).toContain('#ops');
    expect(app.screen()).toContain(
      'Left dev; one line you sent there could not be delivered (the text is too long).',
    );
  });
});
