import type { Clock } from '../clock.js';
import type { Page } from '../store/store.js';

/** How long a cached page may be served without anything published to its room. */
export const RECENT_HISTORY_TTL_MS = 10_000;

interface Entry {
  readonly page: Page;
  readonly at: number;
}

/**
 * The latest page of each room's history, as `joined` sends it, kept while nothing is published to
 * the room: a connect storm read the same 50 rows from the store once per joiner. Anything
 * published to a room's channel (a message, a notice, or any later kind of change) drops its page,
 * so the cache needs no knowledge of how messages change; retention, which publishes nothing, is
 * covered by the time limit.
 */
export class RecentHistory {
  private readonly pages = new Map<string, Entry>();
  /** Reads in flight per channel; `stale` once something was published during them. */
  private readonly reading = new Map<string, { count: number; stale: boolean }>();

  constructor(private readonly clock: Clock) {}

  /** The cached page of `channel`, or `read()`'s, cached when nothing was published meanwhile. */
  async get(channel: string, read: () => Promise<Page>): Promise<Page> {
    const now = this.clock.now();
    const entry = this.pages.get(channel);
    if (entry !== undefined && now - entry.at < RECENT_HISTORY_TTL_MS) return entry.page;
    let reads = this.reading.get(channel);
    if (reads === undefined) {
      reads = { count: 0, stale: false };
      this.reading.set(channel, reads);
    }
    reads.count++;
    try {
      const page = await read();
      if (!reads.stale) this.pages.set(channel, { page, at: now });
      return page;
    } finally {
      if (--reads.count === 0) this.reading.delete(channel);
    }
  }

  /** Something was published to the channel: its cached page is stale. */
  published(channel: string): void {
    this.pages.delete(channel);
    const reads = this.reading.get(channel);
    if (reads !== undefined) reads.stale = true;
  }
}
