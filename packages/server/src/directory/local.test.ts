import { describe, expect, it } from 'vitest';
import { directoryContract } from '../testing/directory-contract.js';
import { LocalDirectory } from './local.js';

describe('the local directory', () => {
  directoryContract(async () => new LocalDirectory());

  it('keeps a name and its look-alike apart though they are claimed together (one shared claim)', async () => {
    const directory = new LocalDirectory();
    // As claimNames does: the canonical name, then the skeleton, same owner and nick.
    expect(await directory.claimName('ann', 's1', 'Ann', true)).toBe(true);
    expect(await directory.claimName('~arm', 's1', 'Ann', true)).toBe(true);
    // A second device of the account joins one of the two claims only.
    expect(await directory.claimName('ann', 's2', 'Ann', true)).toBe(true);
    await directory.releaseName('ann', 's1');
    expect(await directory.onlineNick('ann')).toBe('Ann');
    expect(await directory.onlineNick('~arm')).toBe('Ann');
    await directory.releaseName('~arm', 's1');
    expect(await directory.onlineNick('~arm')).toBeUndefined();
    expect(await directory.onlineNick('ann')).toBe('Ann');
    await directory.releaseName('ann', 's2');
    expect(await directory.onlineNick('ann')).toBeUndefined();
  });

  it('gives a guest the name back to hold alone once the other guest let go of both claims', async () => {
    const directory = new LocalDirectory();
    await directory.claimName('bob', 's1', 'Bob');
    await directory.claimName('~bob', 's1', 'Bob');
    expect(await directory.claimName('bob', 's2', 'Bob')).toBe(false);
    await directory.releaseName('~bob', 's1');
    expect(await directory.guestHolder('bob')).toBe('s1');
    await directory.releaseName('bob', 's1');
    expect(await directory.claimName('bob', 's2', 'bob')).toBe(true);
    expect(await directory.guestHolder('bob')).toBe('s2');
    expect(await directory.onlineNick('bob')).toBe('bob');
  });
});
