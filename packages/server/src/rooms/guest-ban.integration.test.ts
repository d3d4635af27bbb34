import { ErrorCode } from 'aurora-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { ask, outcome, People } from '../testing/moderation-people.js';
import { TestServers } from '../testing/test-servers.js';
import { TestClient } from '../testing/ws-client.js';

// A guest has no account to ban, so a ban holds their name and their address: a new name from the
// same address stays out, as does the name from anywhere; other people at other addresses, and
// accounts (banned by account only), are not caught. Loopback has many addresses (127.0.0.2, ...).

describe('a banned guest, over real sockets from several addresses', () => {
  const people = new People();
  const servers = new TestServers();

  afterEach(async () => {
    people.closeAll();
    await servers.closeAll();
  });

  const start = () => servers.start();

  /** A guest greeted from `address`, not yet in any room. */
  async function guestFrom(url: string, address: string, nick: string): Promise<TestClient> {
    const client = await TestClient.connect(url, { localAddress: address });
    people.clients.push(client);
    client.send({ type: 'hello', v: 1, nick });
    await client.next('welcome');
    return client;
  }

  it('keeps the name out from any address and the address out under any name, and no one else', async () => {
    const url = await start();
    const alice = await people.account(url, 'alice');
    const mallory = await guestFrom(url, '127.0.0.2', 'mallory');
    expect(outcome(await ask(mallory, { type: 'join', room: 'dev' }))).toBe('joined');
    const banned = await ask(alice, { type: 'moderate', action: 'ban', name: 'mallory', room: 'dev' });
    expect(outcome(banned)).toBe('moderated');
    await mallory.next('left', (left) => left.removed === 'banned');
    mallory.close();

    // Another name from the same address: still out, and cannot post either.
    const renamed = await guestFrom(url, '127.0.0.2', 'not-mallory');
    expect(await ask(renamed, { type: 'join', room: 'dev' })).toMatchObject({ code: ErrorCode.Banned });
    const post = await ask(renamed, { type: 'say', room: 'dev', text: 'hi again', cid: 'c1' });
    expect(outcome(post)).toBe(ErrorCode.Banned);
    // The name from another address: out too.
    const moved = await guestFrom(url, '127.0.0.3', 'mallory');
    expect(await ask(moved, { type: 'join', room: 'dev' })).toMatchObject({ code: ErrorCode.Banned });
    // Someone else at another address, and the ban of one room only.
    const carol = await guestFrom(url, '127.0.0.4', 'carol');
    expect(outcome(await ask(carol, { type: 'join', room: 'dev' }))).toBe('joined');
    expect(outcome(await ask(renamed, { type: 'join', room: 'ops' }))).toBe('joined');
    // An account is banned by account only: one from the banned address gets in.
    const bob = await people.account(url, 'bob', [], '127.0.0.2');
    expect(outcome(await ask(bob, { type: 'join', room: 'dev' }))).toBe('joined');

    expect(
      outcome(await ask(alice, { type: 'moderate', action: 'unban', name: 'mallory', room: 'dev' })),
    ).toBe('moderated');
    expect(outcome(await ask(renamed, { type: 'join', room: 'dev' }))).toBe('joined');
  });
});
