import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { canonicalName } from 'aurora-protocol';
import { roomKey, SqliteStore } from 'aurora-server';
import { type CorpusPlan, corpus, corpusVocabulary } from './corpus.js';
import { type ClassFrequencies, classFrequencies, type IndexSize, measureIndexSize } from './index-size.js';
import { classRanks } from './query-words.js';

/** What seeding made, and what it took. */
export interface SeedReport {
  readonly messages: number;
  readonly rooms: number;
  readonly vocabulary: number;
  /** Wall-clock seconds from the first message to the store closed. */
  readonly seconds: number;
  readonly index: IndexSize;
  readonly frequencies: ClassFrequencies;
}

/** A seeded data folder, kept for a whole run and copied for each server started on it. */
export interface SeededFolder {
  readonly dir: string;
  readonly report: SeedReport;
  remove(): Promise<void>;
}

/** Appends handed to the store before waiting for them: one group commit each, like a busy server's. */
const BATCH = 1000;

/**
 * Seeds a new data folder with the corpus through the server's own store (`SqliteStore`, the code
 * `aurora-server --data` runs), so rows, sequence numbers, search documents and the FTS5 index are
 * exactly what the server would have written; the store's clock is set to each message's time.
 */
export async function seedFolder(plan: CorpusPlan, log: (line: string) => void): Promise<SeededFolder> {
  const dir = await mkdtemp(join(tmpdir(), 'aurora-bench-search-'));
  try {
    const startedAt = performance.now();
    let now = 0;
    const store = new SqliteStore({ dataDir: dir, clock: { now: () => now } });
    let pending: Promise<unknown>[] = [];
    let stored = 0;
    for (const message of corpus(plan, Date.now())) {
      now = message.ts;
      pending.push(
        store.append({
          target: roomKey(message.room),
          kind: 'chat',
          room: message.room,
          from: message.nick,
          fromKey: canonicalName(message.nick),
          text: message.text,
        }),
      );
      if (pending.length === BATCH) {
        await Promise.all(pending);
        pending = [];
      }
      if (++stored % 100_000 === 0)
        log(
          `  seeded ${stored.toLocaleString('en-US')} messages (${((performance.now() - startedAt) / 1000).toFixed(0)} s)`,
        );
    }
    await Promise.all(pending);
    await store.close();
    const seconds = (performance.now() - startedAt) / 1000;
    const file = join(dir, 'aurora.db');
    const index = measureIndexSize(file);
    const frequencies = classFrequencies(file, corpusVocabulary(plan), classRanks(plan.vocabulary));
    return {
      dir,
      report: {
        messages: stored,
        rooms: plan.rooms,
        vocabulary: plan.vocabulary,
        seconds,
        index,
        frequencies,
      },
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
