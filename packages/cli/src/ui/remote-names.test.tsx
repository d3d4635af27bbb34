import { chat, joined, members } from 'aurora-testkit';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, renderChat } from '../testing/render-chat.js';

// Rooms and people named like Object.prototype members are rooms and people like any other.

afterEach(() => cleanup());

const ROOMS = ['constructor', 'hasownproperty', 'tostring', 'valueof'];
const PEOPLE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

describe('names that are Object.prototype members', () => {
  it.each(ROOMS)('joins a room called %s, shows its messages and resumes it', async (room) => {
    const app = renderChat({ rooms: [room], size: { columns: 100, rows: 20 } });
    await app.server.accept(
      joined(room, {
        members: members('alice', ...PEOPLE),
        history: [chat(1, 'bob', `hello from ${room}`, { room })],
      }),
    );
    for (const nick of PEOPLE) app.server.sendNow({ type: 'typing', room, nick, active: true });
    await app.server.send(chat(2, 'constructor', 'second line', { room }));
    const screen = app.screen();
    expect(screen).toContain(`online │ #${room}`);
    expect(screen).toContain(`hello from ${room}`);
    expect(screen).toContain('second line');
    expect(screen).toMatch(/Members \(5\)/);
    expect(screen).toMatch(/typing…/);
    await app.press(KEYS.pageUp, KEYS.end);
    app.sockets.last().drop(1001);
    await app.settle();
    app.clock.advance(1000);
    await app.opened();
    app.sockets.last().open();
    // As written: the protocol's record schema drops a key called `constructor` when decoding.
    expect(JSON.parse(app.sockets.last().frames[0] ?? '{}').resume).toEqual({ [room]: 2 });
  });

  it.each(PEOPLE)('opens a direct conversation with %s', async (nick) => {
    const app = renderChat({ size: { columns: 100, rows: 20 } });
    await app.server.accept(joined('dev', { members: members('alice', nick) }));
    await app.server.send(chat(1, nick, 'a direct word', { to: 'alice' }));
    expect(app.screen()).toMatch(new RegExp(`@${nick.replace(/[$]/g, '\\$&')} +1!`));
    await app.press(KEYS.ctrlRight);
    expect(app.screen()).toContain('» a direct word');
    await app.type(`/msg ${nick} back to you${KEYS.enter}`);
    expect(app.server.received().filter((m) => m.type === 'dm')).toEqual([
      { type: 'dm', to: nick, text: 'back to you', cid: 'c1' },
    ]);
  });
});
