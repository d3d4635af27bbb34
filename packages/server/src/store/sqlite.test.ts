import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sequentialIds } from '../ids.js';
import { ManualClock } from '../testing/manual-clock.js';
import { storeContract } from '../testing/store-contract.js';
import { SqliteStore } from './sqlite.js';

describe('the SQLite store', () => {
  storeContract(async ({ clock, retention }) => new SqliteStore({ clock, retention, ids: sequentialIds() }));
});

describe('the SQLite store on disk', () => {
  it('keeps numbering a target after a restart, even when retention had emptied it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'aurora-sqlite-'));
    const clock = new ManualClock();
    const message = {
      target: 'room:dev',
      kind: 'chat' as const,
      room: 'dev',
      from: 'alice',
      fromKey: 'alice',
      text: 'hi',
    };
    try {
      const first = new SqliteStore({ clock, dataDir, retention: { maxAgeMs: 1000 } });
      for (let i = 0; i < 3; i++) await first.append(message);
      clock.advance(5000);
      await first.prune(clock.now());
      await first.close();
      const second = new SqliteStore({ clock, dataDir, retention: { maxAgeMs: 1000 } });
      expect(await second.bounds('room:dev')).toEqual({ first: 4, last: 3 });
      expect((await second.append(message)).message.seq).toBe(4);
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
