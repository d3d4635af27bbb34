import { CloseCode, ErrorCode } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { newResetCode } from '../accounts/reset-code.js';
import { createTestHub } from '../testing/test-hub.js';

type Hub = ReturnType<typeof createTestHub>;
const DAY = 86_400_000;

/** Registers `name` and returns a token for each of `devices` more log-ins. */
async function registerWithDevices(hub: Hub, name: string, devices: number): Promise<string[]> {
  const tokens: string[] = [];
  const client = hub.connect();
  await client.send({ type: 'register', name, password: 'correct horse' });
  for (let i = 0; i < devices; i++) {
    await client.send({ type: 'login', name, password: 'correct horse' });
    tokens.push(client.peer.of('auth').at(-1)!.token);
  }
  await client.disconnect();
  return tokens;
}

async function device(hub: Hub, token: string) {
  const client = hub.connect();
  await client.hello('ignored', { token });
  return client;
}

describe('changing a password', () => {
  it('needs the current password, then ends the other devices and keeps this one', async () => {
    const hub = createTestHub();
    const [laptop, phone] = await registerWithDevices(hub, 'alice', 2);
    const here = await device(hub, laptop!);
    const there = await device(hub, phone!);
    await here.send({ type: 'password', current: 'wrong horse', next: 'battery staple' });
    expect(here.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.AuthFailed });
    expect(there.peer.closedWith).toBeUndefined();
    await here.send({ type: 'password', current: 'correct horse', next: 'battery staple' });
    expect(here.peer.last()).toMatchObject({ type: 'password_changed', sessionsEnded: true });
    expect(there.peer.closedWith).toMatchObject({ code: CloseCode.LoggedOut });
    expect(here.peer.closedWith).toBeUndefined();
    // The phone's token stopped working; the laptop's goes on; the new password logs in, the old does not.
    expect((await device(hub, phone!)).peer.last()).toMatchObject({
      type: 'error',
      code: ErrorCode.AuthFailed,
    });
    expect((await device(hub, laptop!)).peer.of('welcome')).toMatchObject([{ account: 'alice' }]);
    const login = hub.connect();
    await login.send({ type: 'login', name: 'alice', password: 'correct horse' });
    expect(login.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.AuthFailed });
    await login.send({ type: 'login', name: 'alice', password: 'battery staple' });
    expect(login.peer.last()).toMatchObject({ type: 'auth', account: 'alice' });
  });

  it('keeps every session when asked, and refuses a guest or a new password out of bounds', async () => {
    const hub = createTestHub();
    const [laptop, phone] = await registerWithDevices(hub, 'alice', 2);
    const here = await device(hub, laptop!);
    const there = await device(hub, phone!);
    await here.send({ type: 'password', current: 'correct horse', next: 'short' });
    expect(here.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.PasswordInvalid });
    await here.send({
      type: 'password',
      current: 'correct horse',
      next: 'battery staple',
      keepSessions: true,
    });
    expect(here.peer.last()).toMatchObject({ type: 'password_changed', sessionsEnded: false });
    expect(there.peer.closedWith).toBeUndefined();
    const guest = hub.connect();
    await guest.hello('bob');
    await guest.send({ type: 'password', current: 'x', next: 'battery staple' });
    expect(guest.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.LoginRequired });
  });
});

describe('deleting an account', () => {
  it('needs the password, closes every device, keeps the messages and holds the name', async () => {
    const hub = createTestHub();
    const [laptop, phone] = await registerWithDevices(hub, 'alice', 2);
    const here = await device(hub, laptop!);
    const there = await device(hub, phone!);
    await here.send({ type: 'join', room: 'dev' });
    await here.send({ type: 'say', room: 'dev', text: 'kept after I go', cid: 'c1' });
    await here.send({ type: 'delete_account', password: 'wrong horse' });
    expect(here.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.AuthFailed });
    await here.send({ type: 'delete_account', password: 'correct horse' });
    expect(here.peer.of('account_deleted')).toEqual([
      { type: 'account_deleted', account: 'alice', heldUntil: hub.clock.now() + 30 * DAY },
    ]);
    expect(here.peer.closedWith).toMatchObject({ code: CloseCode.LoggedOut });
    expect(there.peer.closedWith).toMatchObject({ code: CloseCode.LoggedOut });
    // She made #dev, so owned it; the seat goes with the account, and the room can be claimed again.
    expect(await hub.store.moderation.roles('dev')).toEqual(new Map());
    expect((await device(hub, phone!)).peer.last()).toMatchObject({
      type: 'error',
      code: ErrorCode.AuthFailed,
    });

    // The fake sockets were told to close; the hub hears of it as it would from real ones.
    await here.disconnect();
    await there.disconnect();
    const reader = hub.connect();
    await reader.hello('carol', { rooms: ['dev'] });
    const history = reader.peer.of('joined')[0]?.history ?? [];
    expect(history.map((message) => message.text)).toContain('kept after I go');
    await reader.send({ type: 'register', name: 'Alice', password: 'my own alice' });
    expect(reader.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.NameHeld });
    hub.clock.advance(30 * DAY + 1);
    await reader.send({ type: 'register', name: 'Alice', password: 'my own alice' });
    expect(reader.peer.last()).toMatchObject({ type: 'auth', account: 'Alice' });
  });
});

describe('resetting a password with an admin code', () => {
  it('sets the new password once, from a guest connection, and ends every session of the account', async () => {
    const test = createTestHub();
    const [laptop] = await registerWithDevices(test, 'alice', 1);
    const here = await device(test, laptop!);
    const { code, hash } = newResetCode();
    await test.store.resetCodes.issueResetCode('alice', hash, test.clock.now(), DAY);
    const guest = test.connect('10.0.0.9');
    await guest.hello('helper');
    await guest.send({ type: 'reset_password', name: 'alice', code: 'AAAA-BBBB', next: 'battery staple' });
    expect(guest.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.BadResetCode });
    expect(here.peer.closedWith).toBeUndefined();
    // Typed in lower case with spaces, as someone reads it off a message.
    const typed = code.toLowerCase().replace(/-/g, ' ');
    await guest.send({
      type: 'reset_password',
      name: 'Alice',
      code: typed,
      next: 'battery staple',
      ref: 'r',
    });
    expect(guest.peer.last()).toMatchObject({ type: 'password_changed', sessionsEnded: true, ref: 'r' });
    expect(here.peer.closedWith).toMatchObject({ code: CloseCode.LoggedOut });
    expect((await device(test, laptop!)).peer.last()).toMatchObject({ code: ErrorCode.AuthFailed });
    await guest.send({ type: 'reset_password', name: 'alice', code, next: 'another one!' });
    expect(guest.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.BadResetCode });
    await guest.send({ type: 'login', name: 'alice', password: 'battery staple' });
    expect(guest.peer.last()).toMatchObject({ type: 'auth', account: 'alice' });
  });

  it('refuses an expired code, a short password before using the code, and guesses past the throttle', async () => {
    // The frame rate limit lifted: the log-in throttle is what stops guessing here.
    const test = createTestHub({ limits: { burst: 1000, ratePerSecond: 1000 } });
    await registerWithDevices(test, 'alice', 0);
    const { code, hash } = newResetCode();
    await test.store.resetCodes.issueResetCode('alice', hash, test.clock.now(), DAY);
    const guest = test.connect('10.0.0.9');
    await guest.hello('helper');
    await guest.send({ type: 'reset_password', name: 'alice', code, next: 'short' });
    expect(guest.peer.last()).toMatchObject({ code: ErrorCode.PasswordInvalid });
    for (let i = 0; i < 10; i++)
      await guest.send({ type: 'reset_password', name: 'alice', code: `GUESS-${i}`, next: 'battery staple' });
    expect(guest.peer.last()).toMatchObject({ code: ErrorCode.LoginThrottled });
    // The right code is throttled too until the window passes; by then it has expired.
    await guest.send({ type: 'reset_password', name: 'alice', code, next: 'battery staple' });
    expect(guest.peer.last()).toMatchObject({ code: ErrorCode.LoginThrottled });
    test.clock.advance(DAY);
    await guest.send({ type: 'reset_password', name: 'alice', code, next: 'battery staple' });
    expect(guest.peer.last()).toMatchObject({ code: ErrorCode.BadResetCode });
  });
});
