import { utf8Length } from 'aurora-protocol';
import { chat, joined, members } from 'aurora-testkit';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, renderChat } from '../../testing/render-chat.js';
import { waitForFrame } from '../../testing/wait-for-frame.js';

afterEach(() => cleanup());

/** The input row(s): everything from the prompt down. */
const inputOf = (screen: string) => {
  const rows = screen.split('\n');
  const at = rows.findIndex((row) => / › /.test(row));
  return rows.slice(at).join('\n').trimEnd();
};

async function inRoom(options: Parameters<typeof renderChat>[0] = {}) {
  const app = renderChat(options);
  await app.server.accept(joined('dev', { members: members('alice', 'bob', 'bernard', 'carol') }));
  return app;
}

const sent = (app: Awaited<ReturnType<typeof inRoom>>) =>
  app.server.received().filter((m) => m.type === 'say' || m.type === 'action' || m.type === 'dm');

describe('InputBox editing', () => {
  it('edits at the cursor with arrows, Home/End and Ctrl+A/E', async () => {
    const app = await inRoom();
    await app.type('helo world');
    await app.press(KEYS.ctrlA, KEYS.right, KEYS.right, KEYS.right);
    await app.type('l');
    expect(inputOf(app.screen())).toBe('#dev › hello world');
    await app.press(KEYS.end);
    await app.type('!');
    expect(inputOf(app.screen())).toBe('#dev › hello world!');
  });

  it('deletes words with Ctrl+W and the line with Ctrl+U, moves by word with Alt+Left', async () => {
    const app = await inRoom();
    await app.type('one two three');
    await app.press(KEYS.ctrlW);
    expect(inputOf(app.screen())).toBe('#dev › one two');
    await app.press(KEYS.altLeft);
    await app.type('_');
    expect(inputOf(app.screen())).toBe('#dev › one _two');
    await app.press(KEYS.ctrlE, KEYS.ctrlU);
    expect(inputOf(app.screen())).toBe('#dev ›');
  });

  it('sends with Enter and brings the line back with Up', async () => {
    const app = await inRoom();
    await app.type('first');
    await app.press(KEYS.enter);
    expect(inputOf(app.screen())).toBe('#dev ›');
    expect(sent(app)).toEqual([{ type: 'say', room: 'dev', text: 'first', cid: 'c1' }]);
    await app.press(KEYS.up);
    expect(inputOf(app.screen())).toBe('#dev › first');
    await app.press(KEYS.down);
    expect(inputOf(app.screen())).toBe('#dev ›');
  });

  it('edits your last message with Up in an empty input, and sends the edit with Enter', async () => {
    const app = await inRoom();
    await app.server.accept(chat(4, 'alice', 'helo wrld'), chat(5, 'bob', 'hi'));
    await app.press(KEYS.up);
    expect(inputOf(app.screen())).toBe('#dev › /edit 4 helo wrld');
    await app.press(KEYS.ctrlU);
    await app.type('/edit 4 hello world');
    await app.press(KEYS.enter);
    expect(app.server.received().filter((m) => m.type === 'edit')).toEqual([
      { type: 'edit', target: 'dev', seq: 4, text: 'hello world' },
    ]);
    await app.server.accept({ ...chat(6, 'alice', 'hello world'), kind: 'edit', about: 4 });
    expect(app.screen()).toContain('hello world (edited)');
    // Alt+N shows the numbers to name other messages by.
    await app.press(KEYS.alt('n'));
    expect(app.screen()).toMatch(/ {3}#5 +bob │ hi/);
  });

  it('makes a new line with Alt+Enter or Ctrl+J and sends the lines as one message', async () => {
    const app = await inRoom();
    await app.type('line one');
    await app.press(KEYS.altEnter);
    await app.type('line two');
    await app.press(KEYS.ctrlJ);
    await app.type('line three');
    expect(inputOf(app.screen())).toBe('#dev › line one\n       line two\n       line three');
    await app.press(KEYS.enter);
    expect(sent(app).map((m) => m.text)).toEqual(['line one\nline two\nline three']);
  });

  it('turns a multi-line paste into one message', async () => {
    const app = await inRoom();
    await app.type('\x1b[200~');
    await app.type('pasted one\rpasted two');
    await app.type('\x1b[201~');
    await app.press(KEYS.enter);
    expect(sent(app).map((m) => m.text)).toEqual(['pasted one\npasted two']);
  });

  it('counts bytes near the limit and refuses to send over it', async () => {
    const app = await inRoom({ size: { columns: 140, rows: 16 } });
    await app.type('x'.repeat(3400));
    expect(app.screen()).toContain('3400/4096');
    await app.type('y'.repeat(800));
    await app.press(KEYS.enter);
    expect(sent(app)).toEqual([]);
    expect(app.screen()).toContain('The message is 4200 bytes; the limit is 4096. Nothing was sent');
    expect(app.screen()).toContain('yyyy');
  });

  it('takes a 100 KB paste whole and keeps it in the input when it is too long to send', async () => {
    const app = await inRoom({ size: { columns: 100, rows: 16 } });
    const lines = Array.from({ length: 1700 }, (_, i) => `line ${i} of the log: ${'x'.repeat(40)}`);
    const text = lines.join('\n');
    const bytes = utf8Length(text);
    // As a terminal sends it: bracketed, line breaks as CR, in reads of 4095 bytes. Laid out whole
    // on every read, this took minutes.
    const raw = `\x1b[200~${text.replace(/\n/g, '\r')}\x1b[201~`;
    for (let at = 0; at < raw.length; at += 4095) app.stdin.write(raw.slice(at, at + 4095));
    const lastLine = lines.at(-1)!;
    await waitForFrame(
      app.screen,
      (screen) => screen.includes(`${bytes}/4096`) && inputOf(screen).includes(lastLine),
      'the whole paste in the input',
    );
    await app.press(KEYS.enter);
    const refused = await waitForFrame(
      app.screen,
      (screen) => screen.includes(`The message is ${bytes} bytes; the limit is 4096.`),
      'the refusal',
    );
    expect(sent(app)).toEqual([]);
    expect(refused).toContain(`${bytes}/4096`);
    expect(inputOf(refused)).toContain(lastLine);
    await app.press(KEYS.ctrlC);
    await waitForFrame(app.screen, (screen) => inputOf(screen) === '#dev ›', 'an empty input');
  });

  it('clears the input with Ctrl+C before quitting on a second press', async () => {
    const app = await inRoom();
    await app.type('draft');
    await app.press(KEYS.ctrlC);
    expect(inputOf(app.screen())).toBe('#dev ›');
    await app.press(KEYS.ctrlC);
    expect(app.sockets.last().closedWith).toBe(1000);
  });
});

describe('InputBox completion', () => {
  it('completes a name at the start of the line as "name: " and cycles with Tab', async () => {
    const app = await inRoom();
    await app.type('be');
    await app.press(KEYS.tab);
    expect(inputOf(app.screen())).toBe('#dev › bernard:');
    await app.type('hi');
    expect(inputOf(app.screen())).toBe('#dev › bernard: hi');
  });

  it('completes names inside a line and cycles through several matches', async () => {
    const app = await inRoom();
    await app.type('thanks b');
    await app.press(KEYS.tab);
    expect(inputOf(app.screen())).toBe('#dev › thanks bernard');
    await app.press(KEYS.tab);
    expect(inputOf(app.screen())).toBe('#dev › thanks bob');
    await app.press(KEYS.shiftTab);
    expect(inputOf(app.screen())).toBe('#dev › thanks bernard');
  });

  it('completes commands', async () => {
    const app = await inRoom();
    await app.type('/to');
    await app.press(KEYS.tab);
    await app.type('release day');
    await app.press(KEYS.enter);
    expect(app.server.received().filter((m) => m.type === 'topic')).toEqual([
      { type: 'topic', room: 'dev', topic: 'release day' },
    ]);
  });
});

describe('InputBox commands', () => {
  it('answers an unknown command with a hint and sends nothing', async () => {
    const app = await inRoom();
    await app.type('/jion ops');
    await app.press(KEYS.enter);
    expect(app.screen()).toContain('Unknown command /jion. Did you mean /join?');
    expect(app.server.received().filter((m) => m.type !== 'hello')).toEqual([]);
    expect(inputOf(app.screen())).toBe('#dev › /jion ops');
  });

  it('sends /me as an action and // as text starting with a slash', async () => {
    const app = await inRoom();
    await app.type('/me waves');
    await app.press(KEYS.enter);
    await app.type('//etc/hosts is fine');
    await app.press(KEYS.enter);
    expect(sent(app).map((m) => [m.type, m.text])).toEqual([
      ['action', 'waves'],
      ['say', '/etc/hosts is fine'],
    ]);
  });

  it('joins a room and shows it once joined', async () => {
    const app = await inRoom();
    await app.type('/join ops');
    await app.press(KEYS.enter);
    expect(app.server.received().filter((m) => m.type === 'join')).toEqual([{ type: 'join', room: 'ops' }]);
    await app.server.send(joined('ops', { topic: 'on call' }));
    expect(app.screen().split('\n')[0]).toContain('#ops │ on call');
  });

  it('opens a direct conversation with /msg and marks it', async () => {
    const app = await inRoom();
    await app.type('/msg bob are you there?');
    await app.press(KEYS.enter);
    expect(sent(app)).toEqual([{ type: 'dm', to: 'bob', text: 'are you there?', cid: 'c1' }]);
    expect(app.screen().split('\n')[0]).toContain('@bob │ direct messages');
    await app.server.send(chat(1, 'bob', 'yes', { to: 'alice', ts: Date.UTC(2026, 2, 3, 12, 31) }));
    expect(app.screen()).toContain('12:31   bob » yes');
  });

  it('lists members with /who and rooms with /rooms', async () => {
    const app = await inRoom();
    await app.type('/who');
    await app.press(KEYS.enter);
    await app.server.send({
      type: 'members',
      room: 'dev',
      members: [
        { nick: 'bob', away: true },
        { nick: 'alice', away: false },
      ],
    });
    expect(app.screen()).toContain('In dev (2): alice, bob (away)');
    await app.type('/rooms');
    await app.press(KEYS.enter);
    await app.server.send({ type: 'rooms', rooms: [{ room: 'dev', members: 2, topic: 'x' }] });
    expect(app.screen()).toContain('Rooms: dev (2) — x');
  });

  it('marks the user away and back', async () => {
    const app = await inRoom();
    await app.type('/away lunch');
    await app.press(KEYS.enter);
    expect(app.screen().split('\n')[0]).toContain('alice (guest) (away)');
    await app.type('/away');
    await app.press(KEYS.enter);
    expect(app.server.received().filter((m) => m.type === 'away')).toEqual([
      { type: 'away', away: true, status: 'lunch' },
      { type: 'away', away: false },
    ]);
    expect(app.screen().split('\n')[0]).not.toContain('(away)');
  });

  it('clears the window with /clear and shows help with /help', async () => {
    const app = await inRoom();
    await app.server.send(chat(1, 'bob', 'old news'));
    await app.type('/clear');
    await app.press(KEYS.enter);
    expect(app.screen()).not.toContain('old news');
    await app.type('/help join');
    await app.press(KEYS.enter);
    expect(app.screen()).toMatch(/\/join ROOM\.\.\. .*— join rooms and/);
  });

  it('lets the user pick another name when theirs is taken', async () => {
    const app = renderChat({ size: { columns: 140, rows: 16 } });
    await app.opened();
    app.sockets.last().open();
    await app.server.send({
      type: 'error',
      code: 'name_taken',
      message: 'the name alice is taken; choose another',
    });
    expect(app.screen()).toContain(
      'the name alice is taken; choose another — choose another name with /nick NAME',
    );
    expect(app.screen().split('\n')[0]).toContain('refused: name taken');
    await app.type('/nick alice2');
    await app.press(KEYS.enter);
    expect(
      app.server
        .received()
        .filter((m) => m.type === 'hello')
        .map((m) => m.nick),
    ).toEqual(['alice', 'alice2']);
  });
});
