import { ManualClock } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import type { Page } from '../store/store.js';
import { RECENT_HISTORY_TTL_MS, RecentHistory } from './recent-history.js';

const page = (n: number): Page => ({ messages: [], more: n > 0 });

describe('RecentHistory', () => {
  it('reads a room once until something is published to it, or the time limit passes', async () => {
    const clock = new ManualClock();
    const cache = new RecentHistory(clock);
    let reads = 0;
    const read = async () => page(++reads);
    await cache.get('room:dev', read);
    await cache.get('room:dev', read);
    expect(reads).toBe(1);
    cache.published('room:dev');
    await cache.get('room:dev', read);
    expect(reads).toBe(2);
    clock.advance(RECENT_HISTORY_TTL_MS);
    await cache.get('room:dev', read);
    expect(reads).toBe(3);
  });

  it('does not keep a page read while something was published: it may predate it', async () => {
    const cache = new RecentHistory(new ManualClock());
    let reads = 0;
    let release!: () => void;
    const slow = () =>
      new Promise<Page>((resolve) => {
        reads++;
        release = () => resolve(page(reads));
      });
    const first = cache.get('room:dev', slow);
    cache.published('room:dev');
    release();
    await first;
    const second = cache.get('room:dev', slow);
    release();
    await second;
    expect(reads).toBe(2);
  });
});
