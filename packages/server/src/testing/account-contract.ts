import { ManualClock } from 'aurora-testkit';
import { expect, it } from 'vitest';
import type { Account } from '../store/accounts.js';
import type { StoreFactory } from './store-contract.js';

const DAY = 86_400_000;

/**
 * What every store keeps when people manage their own accounts (a new password, a deleted account):
 * call inside a `describe` with a factory, beside `storeContract`, for SQLite and for Redis.
 */
export function accountContract(create: StoreFactory): void {
  const open = async () => {
    const clock = new ManualClock();
    const { accounts, resetCodes } = await create({ clock });
    const alice: Account = { key: 'alice', name: 'Alice', password: 'scrypt$old', createdAt: clock.now() };
    await accounts.createAccount(alice, 'SKEL-alice');
    for (const tokenHash of ['here', 'phone', 'laptop'])
      await accounts.createSession({
        tokenHash,
        accountKey: 'alice',
        createdAt: clock.now(),
        expiresAt: clock.now() + DAY,
      });
    return { clock, accounts, resetCodes, alice };
  };

  it('changes a password and ends every other session, keeping the one that asked', async () => {
    const { accounts, alice } = await open();
    expect(await accounts.changePassword('alice', 'scrypt$new', { except: 'here' })).toBe(true);
    expect(await accounts.account('alice')).toEqual({ ...alice, password: 'scrypt$new' });
    expect(await accounts.session('here')).toMatchObject({ revoked: false });
    expect(await accounts.session('phone')).toMatchObject({ revoked: true });
    expect(await accounts.session('laptop')).toMatchObject({ revoked: true });
  });

  it('changes a password keeping every session when asked to, and refuses an unknown account', async () => {
    const { accounts } = await open();
    expect(await accounts.changePassword('alice', 'scrypt$new', false)).toBe(true);
    expect(await accounts.session('phone')).toMatchObject({ revoked: false });
    expect(await accounts.changePassword('nobody', 'scrypt$new', false)).toBe(false);
    expect(await accounts.account('nobody')).toBeUndefined();
  });

  it('deletes an account with its sessions, markers and preferences, and holds its name', async () => {
    const { accounts, clock } = await open();
    await accounts.markRead('alice', 'room:dev', 5);
    await accounts.changePrefs('alice', (prefs) => ({ ok: true, prefs: { ...prefs, keywords: ['deploy'] } }));
    const until = clock.now() + 30 * DAY;
    expect(await accounts.nameHeldUntil('alice')).toBeUndefined();
    expect(await accounts.deleteAccount('alice', 'SKEL-alice', until)).toBe(true);
    expect(await accounts.account('alice')).toBeUndefined();
    expect(await accounts.accountBySkeleton('SKEL-alice')).toBeUndefined();
    for (const tokenHash of ['here', 'phone'])
      expect(await accounts.session(tokenHash)).toMatchObject({ revoked: true });
    expect((await accounts.readMarkers('alice')).size).toBe(0);
    expect((await accounts.prefs('alice')).keywords).toEqual([]);
    expect(await accounts.nameHeldUntil('alice')).toBe(until);
    expect(await accounts.deleteAccount('alice', 'SKEL-alice', until)).toBe(false);
  });

  it('lets the name of a deleted account be registered again, by the store', async () => {
    const { accounts, clock } = await open();
    await accounts.deleteAccount('alice', 'SKEL-alice', clock.now() + DAY);
    const again: Account = { key: 'alice', name: 'alice', password: 'scrypt$2', createdAt: clock.now() };
    expect(await accounts.createAccount(again, 'SKEL-alice')).toBe(true);
    expect(await accounts.session('here')).toMatchObject({ revoked: true });
  });

  it('lists every account by canonical name, without its password hash', async () => {
    const { accounts, alice, clock } = await open();
    const bob: Account = { key: 'bob', name: 'Bob', password: 'scrypt$b', createdAt: clock.now() + 5 };
    await accounts.createAccount(bob, 'SKEL-bob');
    expect(await accounts.listAccounts()).toEqual([
      { key: 'alice', name: 'Alice', createdAt: alice.createdAt },
      { key: 'bob', name: 'Bob', createdAt: bob.createdAt },
    ]);
  });

  it('takes a reset code once, only while live; a new code replaces the old', async () => {
    const { resetCodes, clock } = await open();
    const now = clock.now();
    await resetCodes.issueResetCode('alice', 'HASH-1', now, DAY);
    await resetCodes.issueResetCode('alice', 'HASH-2', now, DAY);
    expect(await resetCodes.redeemResetCode('alice', 'HASH-1', now)).toBe(false);
    expect(await resetCodes.redeemResetCode('bob', 'HASH-2', now)).toBe(false);
    const tries = await Promise.all([1, 2, 3].map(() => resetCodes.redeemResetCode('alice', 'HASH-2', now)));
    expect(tries.filter(Boolean)).toHaveLength(1);
    expect(await resetCodes.redeemResetCode('alice', 'HASH-2', now)).toBe(false);
    await resetCodes.issueResetCode('alice', 'HASH-3', now, DAY);
    expect(await resetCodes.redeemResetCode('alice', 'HASH-3', now + DAY)).toBe(false);
  });
}
