import { nameSkeleton } from 'aurora-protocol/skeleton';
import { ManualClock } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../accounts/tokens.js';
import { sequentialIds } from '../ids.js';
import { SqliteStore } from '../store/sqlite.js';
import { createWebhook } from './create.js';

async function storeWithAccount(name: string) {
  const clock = new ManualClock();
  const store = new SqliteStore({ clock });
  await store.accounts.createAccount(
    { key: name.toLowerCase(), name, password: 'scrypt$x', createdAt: 0 },
    nameSkeleton(name),
  );
  return { store, clock };
}

describe('createWebhook', () => {
  it('keeps the room canonical and only a hash of the secret', async () => {
    const { store, clock } = await storeWithAccount('alice');
    const created = await createWebhook(store, { room: '#CI', name: 'builds' }, clock, sequentialIds());
    expect(created.path).toBe(`/hooks/wh_1/${created.secret}`);
    expect(await store.webhooks.webhooks()).toEqual([
      {
        id: 'wh_1',
        room: 'ci',
        name: 'builds',
        secretHash: hashToken(created.secret),
        createdAt: clock.now(),
      },
    ]);
  });

  it('refuses a registered name and its look-alikes, and bad rooms and names, storing nothing', async () => {
    const { store, clock } = await storeWithAccount('alice');
    const refusal = (room: string, name: string) =>
      createWebhook(store, { room, name }, clock, sequentialIds()).then(
        () => 'made',
        (error: { code: string }) => error.code,
      );
    expect(await refusal('ci', 'alice')).toBe('name_registered');
    expect(await refusal('ci', 'ALICE')).toBe('name_registered');
    expect(await refusal('ci', 'a1ice')).toBe('name_registered');
    expect(await refusal('ci', 'bad name!')).toBe('name_invalid');
    expect(await refusal('no spaces', 'builds')).toBe('room_invalid');
    expect(await store.webhooks.webhooks()).toEqual([]);
  });
});
