import { readdir } from 'node:fs/promises';
import { canonicalName } from 'aurora-protocol';
import { SqliteStore } from 'aurora-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isIndexTable } from './index-size.js';
import { type SeededFolder, seedFolder } from './seed.js';

describe('seedFolder', () => {
  let seeded: SeededFolder;
  const logged: string[] = [];
  beforeAll(async () => {
    seeded = await seedFolder(
      { messages: 3000, rooms: 3, vocabulary: 1000, zipfExponent: 1, spanDays: 365, seed: 20 },
      (line) => logged.push(line),
    );
  });
  afterAll(() => seeded.remove());

  it('leaves a data folder the server opens as its own, every message searchable', async () => {
    expect(await readdir(seeded.dir)).toContain('aurora.db');
    const store = new SqliteStore({ dataDir: seeded.dir, clock: { now: () => Date.now() } });
    try {
      const bounds = await Promise.all(['r0', 'r1', 'r2'].map((room) => store.bounds(`room:${room}`)));
      expect(bounds.reduce((sum, { last }) => sum + last, 0)).toBe(3000);
      // Everything one sender said in r0: the index's sender column, newest first.
      const page = await store.search({
        terms: [],
        fromKey: canonicalName((await store.page('room:r0', { limit: 1 })).messages[0]!.from),
        scopes: [{ target: 'room:r0' }],
        limit: 5,
      });
      expect(page.found).toHaveLength(5);
      // Newest first, as the times the store was given say.
      const times = page.found.map((found) => found.message.ts);
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    } finally {
      await store.close();
    }
  });

  it("reports the index's share of the database, by dbstat, and how often each class's words occur", () => {
    const { report } = seeded;
    expect(report.messages).toBe(3000);
    expect(report.index.method).toBe('dbstat');
    expect(report.index.share).toBeGreaterThan(0.05);
    expect(report.index.share).toBeLessThan(0.9);
    expect(Object.keys(report.index.tables).filter(isIndexTable)).toContain('message_index_data');
    expect(report.index.tables.messages).toBeGreaterThan(0);
    const { common, medium, rare } = report.frequencies;
    expect(common.minDocs).toBeGreaterThan(medium.maxDocs);
    expect(medium.minDocs).toBeGreaterThanOrEqual(rare.minDocs);
    expect(common.maxDocs).toBeGreaterThan(500);
  });
});

describe('isIndexTable', () => {
  it("takes the FTS5 table's shadow tables and their automatic indexes, nothing else", () => {
    expect(isIndexTable('message_index_data')).toBe(true);
    expect(isIndexTable('sqlite_autoindex_message_index_config_1')).toBe(true);
    expect(isIndexTable('messages')).toBe(false);
    expect(isIndexTable('messages_by_ts')).toBe(false);
  });
});
