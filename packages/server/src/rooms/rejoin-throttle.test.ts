import { ManualClock } from 'aurora-testkit';
import { expect, it } from 'vitest';
import { RejoinThrottle } from './rejoin-throttle.js';

it('lets a person back after one kick, and makes a loop of kicks wait longer each time', () => {
  const clock = new ManualClock();
  const throttle = new RejoinThrottle(clock);
  throttle.kicked('dev', 'bob');
  expect(throttle.wait('dev', 'bob')).toBe(0);
  throttle.kicked('dev', 'bob');
  expect(throttle.wait('dev', 'bob')).toBe(10_000);
  expect(throttle.wait('ops', 'bob')).toBe(0);
  clock.advance(4000);
  expect(throttle.wait('dev', 'bob')).toBe(6000);
  throttle.kicked('dev', 'bob');
  expect(throttle.wait('dev', 'bob')).toBe(20_000);
  clock.advance(3_600_000);
  throttle.kicked('dev', 'bob');
  expect(throttle.wait('dev', 'bob')).toBe(0);
});
