import { describe, expect, it } from 'vitest';
import { HashingPool, hashPassword, verifyPassword } from './passwords.js';

const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery', cheap);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password', cheap)).not.toBe(await hashPassword('same password', cheap));
  });

  it('verifies with the parameters stored beside the hash', async () => {
    const stronger = await hashPassword('raised later', { N: 2 ** 11, r: 8, p: 1 });
    expect(await verifyPassword('raised later', stronger)).toBe(true);
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });
});

describe('HashingPool', () => {
  it('runs at most `concurrency` jobs at once and refuses past the queue', async () => {
    const pool = new HashingPool(2, 1);
    let running = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const job = () =>
      new Promise<number>((resolve) => {
        running++;
        peak = Math.max(peak, running);
        releases.push(() => {
          running--;
          resolve(1);
        });
      });
    const results = [pool.run(job), pool.run(job), pool.run(job), pool.run(job)];
    expect(await results[3]).toBeUndefined(); // two running, one queued, the fourth refused
    while (releases.length) {
      releases.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(results.slice(0, 3))).toEqual([{ value: 1 }, { value: 1 }, { value: 1 }]);
    expect(peak).toBe(2);
  });
});
