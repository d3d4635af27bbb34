import { describe, expect, it } from 'vitest';
import type { AttemptLog } from '../accounts/attempt-log.js';
import { LoginThrottle } from '../accounts/throttle.js';

const LIMITS = { accountAddress: 5, address: 50, account: 100, windowMs: 15 * 60_000 };

/** Makes a fresh, empty attempt log; the same log may be asked for twice to stand for two nodes. */
export type AttemptLogFactory = () => AttemptLog | Promise<AttemptLog>;

async function waitOf(result: ReturnType<LoginThrottle['begin']>): Promise<number> {
  const settled = await result;
  return 'waitMs' in settled ? settled.waitMs : 0;
}

/**
 * The log-in throttle's rules, held against an attempt log: what one node keeps in memory and what
 * a cluster keeps in Redis must refuse and allow the same attempts.
 */
export function throttleContract(name: string, makeLog: AttemptLogFactory): void {
  describe(`LoginThrottle over ${name}`, () => {
    it('refuses a 6th attempt of an account from an address until the oldest leaves the window', async () => {
      let now = 1_000_000;
      const throttle = new LoginThrottle({ now: () => now }, LIMITS, await makeLog());
      for (let i = 0; i < 5; i++) {
        expect(await waitOf(throttle.begin('alice', '1'))).toBe(0);
        now += 60_000;
      }
      expect(await waitOf(throttle.begin('alice', '1'))).toBe(15 * 60_000 - 5 * 60_000);
      expect(await waitOf(throttle.begin('alice', '2'))).toBe(0);
      expect(await waitOf(throttle.begin('bob', '1'))).toBe(0);
      now += 11 * 60_000;
      expect(await waitOf(throttle.begin('alice', '1'))).toBe(0);
    });

    it('counts an attempt when it begins, so concurrent ones cannot pass the limit', async () => {
      const throttle = new LoginThrottle({ now: () => 1000 }, LIMITS, await makeLog());
      const started = await Promise.all(Array.from({ length: 200 }, () => throttle.begin('alice', '1')));
      expect(started.filter((result) => 'attempt' in result)).toHaveLength(5);
    });

    it('takes back a correct attempt and forgets that pair, but not other addresses', async () => {
      const throttle = new LoginThrottle({ now: () => 1000 }, LIMITS, await makeLog());
      for (let i = 0; i < 4; i++) await throttle.begin('alice', '1');
      for (let i = 0; i < 5; i++) await throttle.begin('alice', '2');
      const right = await throttle.begin('alice', '1');
      if (!('attempt' in right)) throw new Error('refused');
      await throttle.succeeded(right.attempt);
      for (let i = 0; i < 5; i++) expect(await waitOf(throttle.begin('alice', '1'))).toBe(0);
      expect(await waitOf(throttle.begin('alice', '1'))).toBeGreaterThan(0);
      expect(await waitOf(throttle.begin('alice', '2'))).toBeGreaterThan(0);
    });

    it('takes back an attempt that was never checked', async () => {
      const throttle = new LoginThrottle({ now: () => 1000 }, LIMITS, await makeLog());
      for (let i = 0; i < 4; i++) await throttle.begin('alice', '1');
      const unchecked = await throttle.begin('alice', '1');
      if (!('attempt' in unchecked)) throw new Error('refused');
      await throttle.cancel(unchecked.attempt);
      expect(await waitOf(throttle.begin('alice', '1'))).toBe(0);
      expect(await waitOf(throttle.begin('alice', '1'))).toBeGreaterThan(0);
    });

    it('caps an address across accounts and an account across addresses', async () => {
      const throttle = new LoginThrottle({ now: () => 1000 }, LIMITS, await makeLog());
      for (let i = 0; i < 50; i++) await throttle.begin(`user${i}`, '1');
      expect(await waitOf(throttle.begin('someone', '1'))).toBeGreaterThan(0);
      for (let i = 0; i < 100; i++) await throttle.begin('carol', `10.0.${i}.1`);
      expect(await waitOf(throttle.begin('carol', '10.9.9.9'))).toBeGreaterThan(0);
    });

    it('keeps pairs apart whatever characters a name holds', async () => {
      const throttle = new LoginThrottle({ now: () => 1000 }, LIMITS, await makeLog());
      for (let i = 0; i < 5; i++) await throttle.begin('alice","1', '2');
      expect(await waitOf(throttle.begin('alice', '1","2'))).toBe(0);
    });
  });
}
