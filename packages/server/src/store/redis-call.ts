import type { Redis } from 'ioredis';
import { decodeRecord, type StoredRecord } from './redis-record.js';
import { StoreError } from './store.js';

/**
 * Runs Redis work and turns any failure into a {@link StoreError}, so the hub answers
 * `store_unavailable` (retry with the same cid) instead of `internal`.
 */
export async function storage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(`storage failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A range of a target's messages to walk. */
export interface ScanRange {
  /** Only seqs above this. */
  readonly after?: number | undefined;
  /** Only seqs below this. */
  readonly before?: number | undefined;
  /** Newest first. */
  readonly descending?: boolean;
  /** Messages fetched per round trip. */
  readonly batch: number;
}

/** Walks a sorted set of stored messages in seq order, a batch per round trip. */
export async function* scanRecords(
  redis: Redis,
  key: string,
  range: ScanRange,
): AsyncGenerator<StoredRecord> {
  let low = range.after === undefined ? '-inf' : `(${range.after}`;
  let high = range.before === undefined ? '+inf' : `(${range.before}`;
  for (;;) {
    const bounds = range.descending ? [high, low, 'BYSCORE', 'REV'] : [low, high, 'BYSCORE'];
    const members = (await redis.call('ZRANGE', key, ...bounds, 'LIMIT', 0, range.batch)) as string[];
    const records = members.map(decodeRecord);
    yield* records;
    const last = records.at(-1);
    if (!last || records.length < range.batch) return;
    if (range.descending) high = `(${last.message.seq}`;
    else low = `(${last.message.seq}`;
  }
}
