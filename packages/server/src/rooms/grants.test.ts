import { ErrorCode, MODERATION_LIMITS } from 'aurora-protocol';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Hub } from '../hub.js';
import { SqliteModeration } from '../store/sqlite-moderation.js';
import { type GrantCase, grant } from './grants.js';

function setUp() {
  const moderation = new SqliteModeration(new Database(':memory:'), () => 0);
  // grant reads nothing of the hub but its store's moderation part.
  const hub = { options: { store: { moderation } } } as unknown as Hub;
  const about = (key: string, roles: GrantCase['roles'] = new Map()): GrantCase => ({
    room: 'dev',
    key,
    name: key,
    by: 'alice',
    roles,
    now: 1,
  });
  return { moderation, hub, about };
}

describe('voice and invites', () => {
  it('refuses the 1,001st invite of a room with invite_list_full, and takes the next after one goes', async () => {
    const { moderation, hub, about } = setUp();
    for (let i = 0; i < MODERATION_LIMITS.maxInvitesPerRoom; i++)
      await moderation.invite({ room: 'dev', key: `u${i}`, name: `u${i}`, by: 'alice', at: i }, 1_000_000);
    const full = await grant(hub, 'invite', about('bob'));
    expect(full).toEqual({
      code: ErrorCode.InviteListFull,
      message: '#dev already has 1000 invites; take one back first (/invites lists them)',
    });
    expect(await grant(hub, 'invite', about('u7'))).toBeUndefined();
    expect(await grant(hub, 'uninvite', about('u7'))).toBeUndefined();
    expect(await grant(hub, 'invite', about('bob'))).toBeUndefined();
    expect((await grant(hub, 'uninvite', about('carol')))?.message).toBe('carol is not invited to #dev');
  });

  it('voices a member, not an operator, and devoices only the voiced', async () => {
    const { moderation, hub, about } = setUp();
    expect((await grant(hub, 'voice', about('carol', new Map([['carol', 'operator']]))))?.message).toBe(
      'carol is an operator of #dev, and speaks anyway',
    );
    expect(await grant(hub, 'voice', about('bob'))).toBeUndefined();
    expect((await moderation.roles('dev')).get('bob')).toBe('voice');
    expect((await grant(hub, 'devoice', about('dave')))?.code).toBe(ErrorCode.NoSuchTarget);
    expect(await grant(hub, 'devoice', about('bob', await moderation.roles('dev')))).toBeUndefined();
    expect((await moderation.roles('dev')).has('bob')).toBe(false);
  });
});
