import { expect, it } from 'vitest';
import type { Directory, DirectoryMember } from '../directory/directory.js';

/** Makes a fresh, empty directory. */
export type DirectoryFactory = () => Promise<Directory>;

const member = (nick: string, extra: Partial<DirectoryMember> = {}): DirectoryMember => ({
  key: nick.toLowerCase(),
  nick,
  away: false,
  ...extra,
});

/** The rules every Directory keeps; the local and the Redis one both run it. */
export function directoryContract(create: DirectoryFactory): void {
  it('gives a name to one connection at a time, and frees it on release', async () => {
    const directory = await create();
    expect(await directory.claimName('alice', 's1', 'Alice')).toBe(true);
    expect(await directory.claimName('alice', 's1', 'ALICE')).toBe(true);
    expect(await directory.claimName('alice', 's2', 'alice')).toBe(false);
    expect(await directory.onlineNick('alice')).toBe('ALICE');
    await directory.releaseName('alice', 's1');
    expect(await directory.onlineNick('alice')).toBeUndefined();
    expect(await directory.claimName('alice', 's2', 'alice')).toBe(true);
  });

  it("lets an account's connections share its name, and no guest in between", async () => {
    const directory = await create();
    expect(await directory.claimName('bob', 's1', 'Bob', true)).toBe(true);
    expect(await directory.claimName('bob', 's2', 'Bob', true)).toBe(true);
    expect(await directory.claimName('bob', 'guest', 'bob')).toBe(false);
    await directory.releaseName('bob', 's1');
    expect(await directory.onlineNick('bob')).toBe('Bob');
    await directory.releaseName('bob', 's2');
    expect(await directory.claimName('carol', 'guest', 'carol')).toBe(true);
    expect(await directory.claimName('carol', 's3', 'Carol', true)).toBe(false);
  });

  it('tells which connection holds a guest name, and nothing for accounts', async () => {
    const directory = await create();
    expect(await directory.guestHolder('bob')).toBeUndefined();
    await directory.claimName('bob', 's1', 'bob');
    const first = await directory.guestHolder('bob');
    expect(first).toBeDefined();
    await directory.releaseName('bob', 's1');
    await directory.claimName('bob', 's2', 'bob');
    const second = await directory.guestHolder('bob');
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    await directory.claimName('alice', 's3', 'alice', true);
    expect(await directory.guestHolder('alice')).toBeUndefined();
  });

  it('counts a person once however many connections they have in a room', async () => {
    const directory = await create();
    expect(await directory.addMember('dev', member('Bob'), 's1')).toEqual({ changed: true });
    expect(await directory.addMember('dev', member('Bob'), 's2')).toEqual({ changed: false });
    expect(
      await directory.addMember('dev', member('alice', { account: true, away: true, status: 'lunch' }), 's3'),
    ).toEqual({
      changed: true,
    });
    expect(await directory.members('dev')).toEqual([
      { nick: 'alice', account: true, away: true, status: 'lunch' },
      { nick: 'Bob', away: false },
    ]);
    expect(await directory.roomCounts()).toEqual(new Map([['dev', 2]]));
    expect(await directory.memberCount('dev')).toBe(2);
    expect(await directory.removeMember('dev', 'bob', 'stranger')).toEqual({ changed: false });
    expect(await directory.removeMember('dev', 'bob', 's1')).toEqual({ changed: false });
    expect(await directory.removeMember('dev', 'bob', 's2')).toEqual({ changed: true });
    expect(await directory.removeMember('dev', 'alice', 's3')).toEqual({ changed: true });
    expect(await directory.members('dev')).toEqual([]);
    expect(await directory.roomCounts()).toEqual(new Map());
    expect(await directory.memberCount('dev')).toBe(0);
  });

  it('renames and marks away without changing who is in the room', async () => {
    const directory = await create();
    await directory.addMember('dev', member('dan'), 's1');
    await directory.updateMember('dev', 'dan', member('Daniel'));
    await directory.updateMember('dev', 'daniel', member('Daniel', { away: true }));
    await directory.updateMember('dev', 'nobody', member('ghost'));
    expect(await directory.members('dev')).toEqual([{ nick: 'Daniel', away: true }]);
    expect(await directory.removeMember('dev', 'daniel', 's1')).toEqual({ changed: true });
  });

  it('lists members by name whatever order they came, renamed and left in', async () => {
    const directory = await create();
    const nicks = ['mia', 'Zoe', 'al', 'bo', 'Ann', 'carl', 'Bea', 'zed', 'eve', 'dan'];
    for (const [i, nick] of nicks.entries()) await directory.addMember('dev', member(nick), `s${i}`);
    await directory.updateMember('dev', 'mia', member('Aaron'));
    await directory.updateMember('dev', 'eve', member('eve', { away: true }));
    await directory.removeMember('dev', 'carl', 's5');
    const listed = (await directory.members('dev')).map((m) => m.nick);
    const expected = ['Aaron', 'Zoe', 'al', 'bo', 'Ann', 'Bea', 'zed', 'eve', 'dan'].sort((a, b) =>
      a.localeCompare(b),
    );
    expect(listed).toEqual(expected);
    expect((await directory.members('dev')).find((m) => m.nick === 'eve')?.away).toBe(true);
    // A rename onto a name the room already lists replaces that entry, never lists it twice.
    await directory.updateMember('dev', 'zed', member('Zoe'));
    expect((await directory.members('dev')).filter((m) => m.nick === 'Zoe')).toHaveLength(1);
  });
}
