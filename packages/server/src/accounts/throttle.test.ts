import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './throttle.js';

describe('LoginThrottle', () => {
  it('refuses after 5 failures in 15 minutes, until the oldest leaves the window', () => {
    let now = 0;
    const throttle = new LoginThrottle({ now: () => now });
    for (let i = 0; i < 4; i++) {
      throttle.fail(['account:alice', 'ip:1']);
      now += 60_000;
    }
    expect(throttle.retryAfter(['account:alice'])).toBe(0);
    throttle.fail(['account:alice', 'ip:1']);
    expect(throttle.retryAfter(['account:alice'])).toBe(15 * 60_000 - 4 * 60_000);
    expect(throttle.retryAfter(['ip:1', 'account:bob'])).toBeGreaterThan(0);
    expect(throttle.retryAfter(['ip:2', 'account:bob'])).toBe(0);
    now += 11 * 60_000;
    expect(throttle.retryAfter(['account:alice'])).toBe(0);
  });

  it('forgets an account failures after a successful log-in', () => {
    const throttle = new LoginThrottle({ now: () => 0 });
    for (let i = 0; i < 5; i++) throttle.fail(['account:alice']);
    throttle.clear('account:alice');
    expect(throttle.retryAfter(['account:alice'])).toBe(0);
  });
});
