import type { ServerMessage } from 'aurora-protocol';
import { chat, error, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import type { ConnectionEvent } from './connection-types.js';
import { testConnection } from './testing/test-connection.js';

const auth = (account: string, token: string, ref: 'register' | 'login'): ServerMessage => ({
  type: 'auth',
  account,
  token,
  expiresAt: 1_900_000_000_000,
  ref,
});
const asAccount = (nick: string) => ({ ...welcome(nick), account: nick });

function setup(options: Parameters<typeof testConnection>[0] = {}) {
  const { clock, sockets, connection } = testConnection(options);
  const events: ConnectionEvent[] = [];
  connection.subscribe((event) => events.push(event));
  const of = <T extends ConnectionEvent['type']>(type: T) =>
    events.filter((e): e is Extract<ConnectionEvent, { type: T }> => e.type === type);
  const lastStatus = () => of('status').at(-1)?.status;
  return { clock, sockets, connection, events, of, lastStatus };
}

/** Started with alice's stored session, which the server refused; `text` typed after it, waiting. */
function refusedWithLine(text: string) {
  const started = setup({ session: { account: 'alice', token: 'old' }, rooms: ['dev'] });
  started.connection.start();
  started.sockets.last().open();
  started.sockets
    .last()
    .deliver(error('auth_failed', 'your session expired or was logged out; log in again'));
  const line = started.connection.send('say', 'dev', text);
  const said = () =>
    started.sockets
      .last()
      .sentOf('say')
      .map((m) => m.text);
  return { ...started, line, said };
}

describe('Connection: an auth nobody asked for', () => {
  it('is dropped: no reconnect, no session, nothing shown', () => {
    const { connection, sockets, events, of, clock } = setup();
    connection.start();
    sockets.last().open();
    sockets.last().deliver(welcome('alice'));
    const before = events.length;
    for (let i = 0; i < 200; i++) sockets.last().deliver(auth('mallory', `t${i}`, 'login'));
    clock.advance(2400);
    expect(sockets.sockets).toHaveLength(1);
    expect(events.slice(before)).toEqual([]);
    expect(of('session-started')).toEqual([]);
  });

  it('is dropped after the answer to a log-in the user asked for', () => {
    const { connection, sockets, of } = setup();
    connection.start();
    sockets.last().open();
    sockets.last().deliver(welcome('alice'));
    connection.login('alice', 'correct horse');
    sockets.last().deliver(auth('alice', 'tok', 'login'));
    expect(sockets.sockets).toHaveLength(2); // greets again as the account, at once
    sockets.last().open();
    sockets.last().deliver(asAccount('alice'));
    sockets.last().deliver(auth('alice', 'tok2', 'login'));
    sockets.last().deliver(auth('alice', 'tok3', 'register'));
    expect(sockets.sockets).toHaveLength(2);
    expect(of('session-started').map((e) => e.token)).toEqual(['tok']);
  });

  it('does not loop on a server that welcomes the stored token as a guest', () => {
    const { connection, sockets, clock, lastStatus } = setup({ session: { account: 'alice', token: 'tok' } });
    connection.start();
    sockets.last().open();
    sockets.last().deliver(welcome('alice'));
    clock.advance(5000);
    expect(sockets.sockets).toHaveLength(1);
    expect(lastStatus()).toMatchObject({ state: 'online', nick: 'alice' });
  });
});

describe('Connection: accounts', () => {
  it('greets with a stored session token, and is online as the account', () => {
    const { connection, sockets, lastStatus } = setup({ session: { account: 'alice', token: 'tok' } });
    connection.start();
    sockets.last().open();
    expect(sockets.last().sentOf('hello')[0]).toMatchObject({ nick: 'alice', token: 'tok' });
    sockets.last().deliver(asAccount('alice'));
    expect(lastStatus()).toMatchObject({ state: 'online', nick: 'alice', account: 'alice' });
  });

  it('sends a log-in before any hello when asked before starting, then greets with the new token', () => {
    const { connection, sockets, of } = setup({ rooms: [] });
    connection.login('alice', 'correct horse');
    connection.start();
    sockets.last().open();
    expect(sockets.last().sent).toEqual([
      { type: 'login', name: 'alice', password: 'correct horse', ref: 'login' },
    ]);
    sockets.last().deliver(auth('alice', 'tok', 'login'));
    expect(of('session-started')).toEqual([
      { type: 'session-started', account: 'alice', token: 'tok', expiresAt: 1_900_000_000_000 },
    ]);
    expect(sockets.last().sentOf('hello')[0]).toMatchObject({ token: 'tok' });
    expect(sockets.sockets).toHaveLength(1);
  });

  it('becomes the account on the spot when a guest registers the name it uses', () => {
    const { connection, sockets, clock } = setup();
    connection.start();
    sockets.last().open();
    sockets.last().deliver(welcome('alice'));
    connection.register('alice', 'correct horse');
    expect(sockets.last().sentOf('register')).toHaveLength(1);
    sockets.last().deliver(auth('alice', 'tok', 'register'));
    expect(sockets.sockets).toHaveLength(1);
    // The token is what a later reconnect greets with.
    sockets.last().drop(1001);
    clock.advance(1000);
    sockets.last().open();
    expect(sockets.last().sentOf('hello')[0]).toMatchObject({ token: 'tok' });
  });

  it('greets again at once as the account after a guest logs in, keeping its rooms', () => {
    const { connection, sockets } = setup();
    connection.start();
    sockets.last().open();
    sockets.last().deliver(welcome('guest1'));
    sockets.last().deliver(joined('dev', { history: [chat(4, 'bob', 'hi')] }));
    sockets.last().deliver(chat(2, 'bob', 'psst', { to: 'guest1' }));
    connection.login('alice', 'correct horse');
    sockets.last().deliver(auth('alice', 'tok', 'login'));
    expect(sockets.sockets).toHaveLength(2);
    expect(sockets.sockets[0]!.closedWith).toBe(1000);
    sockets.last().open();
    const hello = sockets.last().sentOf('hello')[0]!;
    expect(hello).toMatchObject({ token: 'tok', rooms: ['dev'], resume: { dev: 4 } });
    // The guest's conversations are not the account's: they are not resumed.
    expect(Object.keys(hello.resume ?? {})).toEqual(['dev']);
  });

  it('logs in on the socket a registered name was refused on, then greets there with the token', () => {
    const { connection, sockets, of, lastStatus } = setup();
    connection.start();
    sockets.last().open();
    sockets.last().deliver(error('name_registered', 'the name alice is registered; log in to use it'));
    expect(lastStatus()).toMatchObject({ state: 'refused', code: 'name_registered' });
    connection.login('alice', 'wrong password');
    sockets.last().deliver(error('auth_failed', 'wrong name or password', { ref: 'login' }));
    // A refused log-in is passed on to be shown, and the client keeps waiting for the user.
    expect(of('server').at(-1)?.message).toMatchObject({ code: 'auth_failed', ref: 'login' });
    expect(lastStatus()).toMatchObject({ state: 'refused', code: 'name_registered' });
    connection.login('alice', 'correct horse');
    sockets.last().deliver(auth('alice', 'tok', 'login'));
    expect(sockets.last().sentOf('hello').at(-1)).toMatchObject({ token: 'tok' });
    sockets.last().deliver(asAccount('alice'));
    expect(lastStatus()).toMatchObject({ state: 'online', account: 'alice' });
    expect(sockets.sockets).toHaveLength(1);
  });

  it('forgets a token the server refused, says so, and waits instead of reconnecting', () => {
    const { connection, sockets, clock, of, lastStatus } = setup({
      session: { account: 'alice', token: 'old' },
    });
    connection.start();
    sockets.last().open();
    sockets.last().deliver(error('auth_failed', 'your session expired or was logged out; log in again'));
    expect(of('session-ended')).toEqual([
      { type: 'session-ended', account: 'alice', token: 'old', reason: 'expired' },
    ]);
    expect(lastStatus()).toMatchObject({ state: 'refused', code: 'auth_failed' });
    sockets.last().drop(4000);
    clock.advance(60_000);
    expect(sockets.sockets).toHaveLength(1);
    // Logging in again opens a socket and sends the log-in first; the status stays until it works.
    connection.login('alice', 'wrong');
    expect(sockets.sockets).toHaveLength(2);
    sockets.last().open();
    expect(sockets.last().sent).toEqual([{ type: 'login', name: 'alice', password: 'wrong', ref: 'login' }]);
    sockets.last().deliver(error('auth_failed', 'wrong name or password', { ref: 'login' }));
    expect(lastStatus()).toMatchObject({ state: 'refused', code: 'auth_failed' });
    connection.login('alice', 'correct horse');
    sockets.last().deliver(auth('alice', 'new', 'login'));
    sockets.last().deliver(asAccount('alice'));
    expect(lastStatus()).toMatchObject({ state: 'online', account: 'alice' });
    expect(sockets.sockets).toHaveLength(2);
  });

  it('keeps a line typed after the stored session was refused, and sends it once logged in again', () => {
    const { connection, sockets, said } = refusedWithLine('anyone here?');
    expect(said()).toEqual([]);
    connection.login('alice', 'correct horse');
    sockets.last().deliver(auth('alice', 'new', 'login'));
    expect(sockets.last().sentOf('hello').at(-1)).toMatchObject({ token: 'new' });
    sockets.last().deliver(asAccount('alice'));
    sockets.last().deliver(joined('dev'));
    expect(said()).toEqual(['anyone here?']);
  });

  it('sends a line typed after the stored session was refused as a guest, once the user takes a name', () => {
    const { connection, sockets, said } = refusedWithLine('anyone here?');
    connection.setNick('alice_');
    const hello = sockets.last().sentOf('hello').at(-1);
    expect(hello).toMatchObject({ nick: 'alice_' });
    expect(hello).not.toHaveProperty('token');
    sockets.last().deliver(welcome('alice_'));
    sockets.last().deliver(joined('dev'));
    expect(said()).toEqual(['anyone here?']);
  });

  it('never sends a line typed as alice as bob: it fails, saying whose it was, when bob logs in instead', () => {
    const { connection, sockets, of, line, said } = refusedWithLine('my secret plan');
    connection.login('bob', 'correct horse');
    sockets.last().deliver(auth('bob', 'bobs', 'login'));
    sockets.last().deliver(asAccount('bob'));
    sockets.last().deliver(joined('dev'));
    expect(said()).toEqual([]);
    expect(of('send-failed')).toEqual([
      {
        type: 'send-failed',
        cid: line.cid,
        code: 'account_changed',
        message: 'typed as alice; not sent as bob',
      },
    ]);
    // Bob's own lines go out as usual.
    connection.send('say', 'dev', 'hi, bob here');
    expect(said()).toEqual(['hi, bob here']);
  });

  it('never sends as bob a line typed after alice, who registered in place, logged out', () => {
    const { connection, sockets, of } = setup({ nick: 'alice', rooms: ['dev'] });
    connection.start();
    sockets.last().open();
    sockets.last().deliver(welcome('alice'));
    sockets.last().deliver(joined('dev'));
    connection.register('alice', 'correct horse');
    sockets.last().deliver(auth('alice', 'tok', 'register'));
    connection.logout(false);
    sockets.last().deliver({ type: 'logged_out', everywhere: false });
    sockets.last().drop(4002);
    const line = connection.send('say', 'dev', 'my secret plan');
    connection.login('bob', 'correct horse');
    sockets.last().open();
    sockets.last().deliver(auth('bob', 'bobs', 'login'));
    sockets.last().deliver(asAccount('bob'));
    sockets.last().deliver(joined('dev'));
    expect(sockets.last().sentOf('say')).toEqual([]);
    expect(of('send-failed').map((e) => [e.cid, e.message])).toEqual([
      [line.cid, 'typed as alice; not sent as bob'],
    ]);
  });

  it('sends a password reset before any hello, then waits for a log-in with the new password', () => {
    const { sockets, connection, of, lastStatus } = setup({ nick: 'alice' });
    connection.resetPassword('alice', 'K7QW-9XHP', 'battery staple');
    connection.start();
    sockets.last().open();
    expect(sockets.last().sent).toEqual([
      {
        type: 'reset_password',
        name: 'alice',
        code: 'K7QW-9XHP',
        next: 'battery staple',
        ref: 'reset_password',
      },
    ]);
    sockets.last().deliver({ type: 'password_changed', sessionsEnded: true, ref: 'reset_password' });
    expect(of('server').map((e) => e.message.type)).toEqual(['password_changed']);
    // No hello went out (the name is registered); the log-in writes on the same socket.
    connection.login('alice', 'battery staple');
    expect(sockets.last().sent.map((frame) => frame.type)).toEqual(['reset_password', 'login']);
    sockets.last().deliver(auth('alice', 'new', 'login'));
    sockets.last().deliver(asAccount('alice'));
    expect(lastStatus()).toMatchObject({ state: 'online', account: 'alice' });
  });

  it('passes a refused reset code on and stays as it was', () => {
    const { sockets, connection, of } = setup({ nick: 'alice' });
    connection.resetPassword('alice', 'WRONG', 'battery staple');
    connection.start();
    sockets.last().open();
    sockets.last().deliver(error('bad_reset_code', 'that reset code is wrong', { ref: 'reset_password' }));
    expect(of('server').map((e) => e.message)).toMatchObject([{ type: 'error', code: 'bad_reset_code' }]);
    expect(sockets.last().sentOf('hello')).toEqual([]);
  });

  it('stops after logging out, and tells a log-out from here from one elsewhere', () => {
    const here = setup({ session: { account: 'alice', token: 'tok' } });
    here.connection.start();
    here.sockets.last().open();
    here.sockets.last().deliver(asAccount('alice'));
    here.connection.logout(true);
    expect(here.sockets.last().sentOf('logout')).toEqual([{ type: 'logout', everywhere: true }]);
    here.sockets.last().deliver({ type: 'logged_out', everywhere: true });
    here.sockets.last().drop(4002);
    expect(here.of('session-ended').map((e) => e.reason)).toEqual(['logged-out']);
    expect(here.lastStatus()).toEqual({ state: 'logged-out', elsewhere: false });
    here.clock.advance(60_000);
    expect(here.sockets.sockets).toHaveLength(1);

    const there = setup({ session: { account: 'alice', token: 'tok' } });
    there.connection.start();
    there.sockets.last().open();
    there.sockets.last().deliver(asAccount('alice'));
    there.sockets.last().drop(4002);
    expect(there.of('session-ended').map((e) => e.reason)).toEqual(['logged-out-elsewhere']);
    expect(there.lastStatus()).toEqual({ state: 'logged-out', elsewhere: true });
    there.clock.advance(60_000);
    expect(there.sockets.sockets).toHaveLength(1);
  });

  it('moves read markers only when logged in, naming conversations as the server spells them', () => {
    const guest = setup();
    guest.connection.start();
    guest.sockets.last().open();
    guest.sockets.last().deliver(welcome('alice'));
    guest.connection.markRead('dev', 3);
    expect(guest.sockets.last().sentOf('read')).toEqual([]);

    const { connection, sockets } = setup({ session: { account: 'alice', token: 'tok' } });
    connection.start();
    sockets.last().open();
    sockets.last().deliver(asAccount('alice'));
    sockets.last().deliver(chat(7, 'Bob', 'hi', { to: 'alice' }));
    connection.markRead('dev', 3);
    connection.markRead('@bob', 7);
    expect(sockets.last().sentOf('read')).toEqual([
      { type: 'read', target: 'dev', seq: 3 },
      { type: 'read', target: '@Bob', seq: 7 },
    ]);
  });

  it('sends preference changes only when logged in (a guest keeps its own)', () => {
    const guest = setup();
    guest.connection.start();
    guest.sockets.last().open();
    guest.sockets.last().deliver(welcome('alice'));
    guest.connection.changePrefs({ type: 'mute', target: 'dev' });
    expect(guest.sockets.last().sentOf('mute')).toEqual([]);

    const { connection, sockets } = setup({ session: { account: 'alice', token: 'tok' } });
    connection.start();
    sockets.last().open();
    sockets.last().deliver(asAccount('alice'));
    connection.changePrefs({ type: 'mute', target: 'dev', forMs: 60_000 });
    connection.changePrefs({ type: 'mute', target: '@bob' });
    connection.changePrefs({ type: 'notify', target: 'ops', level: 'all' });
    connection.changePrefs({ type: 'highlight', op: 'add', word: 'deploy' });
    expect(sockets.last().sentOf('mute')).toEqual([
      { type: 'mute', target: 'dev', forMs: 60_000 },
      { type: 'mute', target: '@bob' },
    ]);
    expect(sockets.last().sentOf('notify')).toEqual([{ type: 'notify', target: 'ops', level: 'all' }]);
    expect(sockets.last().sentOf('highlight')).toEqual([{ type: 'highlight', op: 'add', word: 'deploy' }]);
  });
});
