import { expect, it } from 'vitest';
import type { ModerationStore, Restriction } from '../store/moderation.js';

/** Makes a fresh, empty moderation store. */
export type ModerationFactory = () => Promise<ModerationStore>;

const ban = (key: string, extra: Partial<Restriction> = {}): Restriction => ({
  scope: 'dev',
  kind: 'ban',
  key,
  name: key,
  by: 'alice',
  at: 1000,
  ...extra,
});

/**
 * The rules every ModerationStore keeps: the SQLite and the Redis one both run it, so roles and bans
 * read the same on one node and in a cluster.
 */
export function moderationContract(create: ModerationFactory): void {
  it('gives a room to its first maker only, and no owner to a guest-made room', async () => {
    const store = await create();
    expect(await store.createRoom('dev', 'alice')).toBe(true);
    expect(await store.createRoom('dev', 'bob')).toBe(false);
    expect(await store.roles('dev')).toEqual(new Map([['alice', 'owner']]));
    expect(await store.createRoom('lobby', undefined)).toBe(true);
    expect(await store.roles('lobby')).toEqual(new Map());
  });

  it('forgets every role of a deleted account, in every room and as an admin', async () => {
    const store = await create();
    await store.createRoom('dev', 'alice');
    await store.createRoom('ops', 'bob');
    await store.setRole('ops', 'alice', 'operator');
    await store.setAdmin('alice', true);
    await store.forgetAccount('alice');
    expect(await store.roles('dev')).toEqual(new Map());
    expect(await store.roles('ops')).toEqual(new Map([['bob', 'owner']]));
    expect(await store.admins()).toEqual([]);
    expect(await store.claimRoom('dev', 'carol')).toBe(true);
  });

  it('lets one account claim an ownerless room, once', async () => {
    const store = await create();
    await store.createRoom('lobby', undefined);
    expect(await store.claimRoom('lobby', 'carol')).toBe(true);
    expect(await store.claimRoom('lobby', 'dave')).toBe(false);
    expect((await store.roles('lobby')).get('carol')).toBe('owner');
    await store.createRoom('dev', 'alice');
    expect(await store.claimRoom('dev', 'carol')).toBe(false);
  });

  it('gives and takes operator roles', async () => {
    const store = await create();
    await store.createRoom('dev', 'alice');
    await store.setRole('dev', 'bob', 'operator');
    expect(await store.roles('dev')).toEqual(
      new Map([
        ['alice', 'owner'],
        ['bob', 'operator'],
      ]),
    );
    await store.setRole('dev', 'bob', undefined);
    expect((await store.roles('dev')).has('bob')).toBe(false);
  });

  it('keeps one entry per person, replacing it, and finds guests by address', async () => {
    const store = await create();
    expect(await store.restrict(ban('bob', { reason: 'spam' }), 10, 0)).toBe('added');
    expect(await store.restrict(ban('bob', { reason: 'more spam' }), 10, 0)).toBe('updated');
    expect(await store.restrict(ban('eve', { address: '10.0.0.9', at: 2000 }), 10, 0)).toBe('added');
    const listed = await store.restrictions('dev', 'ban', 0);
    expect(listed.map((r) => [r.key, r.reason, r.address])).toEqual([
      ['bob', 'more spam', undefined],
      ['eve', undefined, '10.0.0.9'],
    ]);
    expect((await store.restrictionOf('dev', 'ban', { key: 'bob' }, 0))?.reason).toBe('more spam');
    expect((await store.restrictionOf('dev', 'ban', { key: 'eve2', address: '10.0.0.9' }, 0))?.key).toBe(
      'eve',
    );
    expect(await store.restrictionOf('dev', 'ban', { key: 'carol', address: '10.0.0.1' }, 0)).toBeUndefined();
    expect(await store.restrictionOf('ops', 'ban', { key: 'bob' }, 0)).toBeUndefined();
    expect(await store.restrictionOf('dev', 'mute', { key: 'bob' }, 0)).toBeUndefined();
    expect(await store.lift('dev', 'ban', 'bob')).toBe(true);
    expect(await store.lift('dev', 'ban', 'bob')).toBe(false);
    expect(await store.restrictionOf('dev', 'ban', { key: 'bob' }, 0)).toBeUndefined();
  });

  it('lets restrictions with an end expire by themselves, and frees their place in a full list', async () => {
    const store = await create();
    expect(await store.restrict(ban('bob', { until: 5000 }), 2, 0)).toBe('added');
    expect(await store.restrict(ban('eve'), 2, 0)).toBe('added');
    expect(await store.restrict(ban('mallory'), 2, 0)).toBe('full');
    expect((await store.restrictionOf('dev', 'ban', { key: 'bob' }, 4999))?.key).toBe('bob');
    expect(await store.restrictionOf('dev', 'ban', { key: 'bob' }, 5000)).toBeUndefined();
    expect((await store.restrictions('dev', 'ban', 5000)).map((r) => r.key)).toEqual(['eve']);
    expect(await store.restrict(ban('mallory'), 2, 5000)).toBe('added');
  });

  it("keeps a room's settings whole, and reads a room never set as none", async () => {
    const store = await create();
    expect(await store.settings('dev')).toEqual({});
    const first = { inviteOnly: true, passwordHash: 'scrypt$x', topicProtected: false };
    expect(await store.changeSettings('dev', first)).toEqual(first);
    expect(await store.settings('dev')).toEqual(first);
    expect(await store.settings('ops')).toEqual({});
    // A change names only what it changes: another operator's change at the same time stays.
    const after = await store.changeSettings('dev', {
      moderated: true,
      inviteOnly: false,
      passwordHash: null,
    });
    expect(after).toEqual({ moderated: true, inviteOnly: false, topicProtected: false });
    expect(await store.settings('dev')).toEqual(after);
  });

  it('keeps voice as a role, apart from owners', async () => {
    const store = await create();
    await store.createRoom('dev', 'alice');
    await store.setRole('dev', 'bob', 'voice');
    expect((await store.roles('dev')).get('bob')).toBe('voice');
    expect(await store.claimRoom('dev', 'bob')).toBe(false);
  });

  it('invites accounts, one entry each, bounded, revocable, and forgets a deleted account', async () => {
    const store = await create();
    const invite = (key: string, at: number) => ({
      room: 'dev',
      key,
      name: key.toUpperCase(),
      by: 'alice',
      at,
    });
    expect(await store.invite(invite('bob', 2000), 2)).toBe('added');
    expect(await store.invite(invite('carol', 1000), 2)).toBe('added');
    expect(await store.invite(invite('bob', 3000), 2)).toBe('updated');
    expect(await store.invite(invite('dave', 4000), 2)).toBe('full');
    expect(await store.invites('dev')).toEqual([invite('carol', 1000), invite('bob', 3000)]);
    expect(await store.isInvited('dev', 'bob')).toBe(true);
    expect(await store.isInvited('ops', 'bob')).toBe(false);
    expect(await store.uninvite('dev', 'bob')).toBe(true);
    expect(await store.uninvite('dev', 'bob')).toBe(false);
    expect(await store.isInvited('dev', 'bob')).toBe(false);
    expect(await store.invite(invite('dave', 4000), 2)).toBe('added');
    await store.forgetAccount('carol');
    expect((await store.invites('dev')).map((i) => i.key)).toEqual(['dave']);
    // Invites and settings do not make a room: its first maker still owns it.
    await store.changeSettings('dev', { inviteOnly: true });
    expect(await store.createRoom('dev', 'alice')).toBe(true);
    expect((await store.roles('dev')).get('alice')).toBe('owner');
  });

  it('promotes and demotes server admins', async () => {
    const store = await create();
    expect(await store.setAdmin('root', true)).toBe(true);
    expect(await store.setAdmin('root', true)).toBe(false);
    expect(await store.setAdmin('alice', true)).toBe(true);
    expect(await store.admins()).toEqual(['alice', 'root']);
    expect(await store.setAdmin('root', false)).toBe(true);
    expect(await store.admins()).toEqual(['alice']);
  });
}
