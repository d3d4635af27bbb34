import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './throttle.js';

const LIMITS = { accountAddress: 5, address: 50, account: 100, windowMs: 15 * 60_000 };

function waitOf(result: ReturnType<LoginThrottle['begin']>): number {
  return 'waitMs' in result ? result.waitMs : 0;
}

describe('LoginThrottle', () => {
  it('refuses a 6th attempt of an account from an address until the oldest leaves the window', () => {
    let now = 0;
    const throttle = new LoginThrottle({ now: () => now }, LIMITS);
    for (let i = 0; i < 5; i++) {
      expect(waitOf(throttle.begin('alice', '1'))).toBe(0);
      now += 60_000;
    }
    expect(waitOf(throttle.begin('alice', '1'))).toBe(15 * 60_000 - 5 * 60_000);
    expect(waitOf(throttle.begin('alice', '2'))).toBe(0);
    expect(waitOf(throttle.begin('bob', '1'))).toBe(0);
    now += 11 * 60_000;
    expect(waitOf(throttle.begin('alice', '1'))).toBe(0);
  });

  it('counts an attempt when it begins, so concurrent ones cannot pass the limit', () => {
    const throttle = new LoginThrottle({ now: () => 0 }, LIMITS);
    const started = Array.from({ length: 200 }, () => throttle.begin('alice', '1'));
    expect(started.filter((result) => 'attempt' in result)).toHaveLength(5);
  });

  it('takes back a correct attempt and forgets that pair, but not other addresses', () => {
    const throttle = new LoginThrottle({ now: () => 0 }, LIMITS);
    for (let i = 0; i < 4; i++) throttle.begin('alice', '1');
    const right = throttle.begin('alice', '1');
    if (!('attempt' in right)) throw new Error('refused');
    throttle.succeeded(right.attempt);
    for (let i = 0; i < 5; i++) expect(waitOf(throttle.begin('alice', '1'))).toBe(0);
    expect(waitOf(throttle.begin('alice', '1'))).toBeGreaterThan(0);
  });

  it('caps an address across accounts and an account across addresses', () => {
    const throttle = new LoginThrottle({ now: () => 0 }, LIMITS);
    for (let i = 0; i < 50; i++) throttle.begin(`user${i}`, '1');
    expect(waitOf(throttle.begin('someone', '1'))).toBeGreaterThan(0);
    for (let i = 0; i < 100; i++) throttle.begin('carol', `10.0.${i}.1`);
    expect(waitOf(throttle.begin('carol', '10.9.9.9'))).toBeGreaterThan(0);
  });

  it('keeps pairs apart whatever characters a name holds', () => {
    const throttle = new LoginThrottle({ now: () => 0 }, LIMITS);
    for (let i = 0; i < 5; i++) throttle.begin('alice","1', '2');
    expect(waitOf(throttle.begin('alice', '1","2'))).toBe(0);
  });
});
