import { fakeSocketFactory } from 'aurora-client/testing';
import { EMPTY_PREFS, type NotifyPrefs } from 'aurora-protocol';
import { ack, chat, joined, ManualClock, members, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { planLine, sendRequest } from '../commands/index.js';
import { createPageSession, type SessionHooks } from './page-session.js';
import { initialPage, pageReducer } from './page-state.js';
import { createStore } from './store.js';

/** A page session over fake sockets and a manual clock; `heard` lists what it told the page. */
function setup(guestPrefs?: () => NotifyPrefs) {
  const clock = new ManualClock();
  const sockets = fakeSocketFactory();
  const store = createStore(pageReducer, initialPage());
  const heard: string[] = [];
  let loads = 0;
  const hooks: SessionHooks = {
    welcomed: (message) => heard.push(`welcomed ${message.nick}`),
    arrived: (message, _before, replayed) =>
      heard.push(`arrived ${message.text}${replayed ? ' (replayed)' : ''}`),
    search: (query) => heard.push(`search ${query}`),
    goTo: (wire, seq) => heard.push(`goto ${wire} ${seq}`),
    prefs: (command, target) => heard.push(`prefs ${command.type} ${target}`),
    help: (command) => heard.push(`help ${command}`),
    password: (keep) => heard.push(`password ${keep}`),
    sent: () => heard.push('sent'),
    connecting: () => heard.push('connecting'),
  };
  const session = createPageSession({
    store,
    url: 'ws://test/ws',
    socketFactory: sockets.factory,
    clock,
    client: { name: 'aurora-web', version: 'test' },
    loadCommands: async () => {
      loads++;
      return { planLine, sendRequest };
    },
    hooks,
    ...(guestPrefs ? { guestPrefs } : {}),
  });
  /** alice joins #dev and the server answers. */
  const inDev = () => {
    session.join({ attempt: 'guest', nick: 'alice', room: 'dev' });
    const socket = sockets.last();
    socket.open();
    socket.deliver(welcome('alice'));
    socket.deliver(joined('dev', { members: members('alice', 'bob') }));
    return socket;
  };
  return { clock, sockets, store, heard, session, inDev, loads: () => loads };
}

describe('createPageSession', () => {
  it('joins as asked and shows the chat once the server welcomes and joins', () => {
    const { store, heard, inDev } = setup();
    const socket = inDev();
    expect(socket.sentOf('hello')[0]).toMatchObject({ nick: 'alice' });
    expect(store.getState()).toMatchObject({ screen: 'chat', chat: { current: 'dev' } });
    expect(heard).toEqual(['connecting', 'welcomed alice']);
  });

  it('says a plain line at once, and it shows once stored', () => {
    const { store, heard, session, inDev } = setup();
    const socket = inDev();
    expect(session.submit('hello')).toBeUndefined();
    const [say] = socket.sentOf('say');
    expect(say).toMatchObject({ room: 'dev', text: 'hello' });
    expect(store.getState().chat.targets.dev?.pending).toHaveLength(1);
    socket.deliver(ack(say!.cid, 3));
    expect(store.getState().chat.targets.dev?.pending).toHaveLength(0);
    expect(heard.at(-1)).toBe('sent');
  });

  it('loads the commands part on the first command, once, and keeps later lines in order', async () => {
    const { session, inDev, loads } = setup();
    const socket = inDev();
    const topic = session.submit('/topic release day');
    const line = session.submit('after the topic');
    expect(socket.sentOf('topic')).toEqual([]);
    expect(await topic).toBeUndefined();
    expect(await line).toBeUndefined();
    const sent = socket.sent.filter((m) => m.type === 'topic' || m.type === 'say').map((m) => m.type);
    expect(sent).toEqual(['topic', 'say']);
    expect(await session.submit('/frobnicate')).toMatch(/^Unknown command \/frobnicate/);
    expect(loads()).toBe(1);
  });

  it('takes a password typed on a command out of the composer, and sends nothing', async () => {
    const { session, inDev } = setup();
    const socket = inDev();
    for (const line of ['/login alice hunter22', '/register alice hunter22', '/password old-one new-one']) {
      const refusal = await session.submit(line);
      expect(refusal).toMatchObject({
        forget: true,
        error: expect.stringContaining('never on the command line'),
      });
    }
    // Spaces before the command make it text, which would post the password: refused all the same.
    expect(await session.submit('   /login alice hunter22')).toMatchObject({ forget: true });
    // Any other refusal keeps the line to edit.
    expect(await session.submit('/frobnicate')).toMatch(/^Unknown command/);
    expect(socket.sent.filter((m) => m.type === 'login' || m.type === 'register')).toEqual([]);
    expect(JSON.stringify(socket.sent)).not.toContain('hunter22');
    // Without a password such a line is said as typed.
    expect(await session.submit('  /shrug at this')).toBeUndefined();
    expect(socket.sentOf('say')).toEqual([expect.objectContaining({ text: '  /shrug at this' })]);
  });

  it('goes to a message with /goto (the page loads it) and says who reacted with /reactions', async () => {
    const { store, heard, session, inDev } = setup();
    const socket = inDev();
    socket.deliver(chat(7, 'bob', 'ship it'));
    socket.deliver({
      ...chat(8, 'bob', 'a reaction', { kind: 'reaction' }),
      about: 7,
      emoji: '👍',
      on: true,
    });
    expect(await session.submit('/goto 3')).toBeUndefined();
    expect(heard.at(-1)).toBe('goto dev 3');
    expect(await session.submit('/goto 99')).toBe('There is no message 99 here.');
    expect(await session.submit('/reactions 7')).toBeUndefined();
    const notices = store
      .getState()
      .chat.targets.dev?.items.toArray()
      .filter((item) => item.kind === 'notice');
    expect(notices?.at(-1)).toMatchObject({ text: 'Reactions to message 7: 👍 bob' });
  });

  it('asks for the latest messages of a conversation opened empty', () => {
    const { session, inDev } = setup();
    const socket = inDev();
    session.dispatch({ type: 'open-dm', nick: 'Bob' });
    expect(socket.sentOf('history')).toEqual([
      { type: 'history', target: '@bob', limit: 50, ref: 'history' },
    ]);
  });

  it('tells the page of messages, and of those a reconnect replays', () => {
    const { clock, sockets, heard, inDev } = setup();
    const socket = inDev();
    socket.deliver(chat(1, 'bob', 'live'));
    socket.drop(1006);
    clock.advance(60_000);
    const again = sockets.last();
    again.open();
    again.deliver(welcome('alice'));
    again.deliver(chat(2, 'bob', 'missed'));
    again.deliver({ type: 'resumed', target: 'dev', seq: 2, recovered: true, replayed: 1 });
    again.deliver(chat(3, 'bob', 'live again'));
    expect(heard.filter((h) => h.startsWith('arrived'))).toEqual([
      'arrived live',
      'arrived missed (replayed)',
      'arrived live again',
    ]);
  });

  it('says a request cannot go out while offline', () => {
    const { store, session } = setup();
    session.whenOnline(() => {
      throw new Error('not online');
    });
    const items = store.getState().chat.targets['*']?.items.toArray() ?? [];
    expect(items.map((item) => (item.kind === 'notice' ? item.text : ''))).toEqual([
      'Not connected. Try again once the connection is back.',
    ]);
  });

  it('hands the preferences this browser kept as a guest to the account a sign-up creates', () => {
    const kept: NotifyPrefs = { ...EMPTY_PREFS, keywords: ['pager'], mutes: [{ target: 'random' }] };
    const { session, sockets } = setup(() => kept);
    session.join({ attempt: 'signup', nick: 'alice', room: 'dev', password: 'correct horse battery' });
    sockets.last().open();
    expect(sockets.last().sentOf('register')[0]).toMatchObject({ name: 'alice', prefs: kept });
  });

  it('signs up with no preferences when the guest set none', () => {
    const { session, sockets } = setup(() => EMPTY_PREFS);
    session.join({ attempt: 'signup', nick: 'alice', room: 'dev', password: 'correct horse battery' });
    sockets.last().open();
    const [register] = sockets.last().sentOf('register');
    expect(register).toMatchObject({ name: 'alice' });
    expect(register).not.toHaveProperty('prefs');
  });
});
