import { describe, expect, it } from 'vitest';
import { openFilesLimit } from './c100k.js';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            20000                20000                files
Max locked memory         8388608              8388608              bytes
`;

describe('openFilesLimit', () => {
  it('reads the soft limit on open files from /proc/PID/limits', () => {
    expect(openFilesLimit(LIMITS)).toBe(20000);
    expect(
      openFilesLimit(LIMITS.replace('20000                20000', 'unlimited            unlimited')),
    ).toBe(Number.POSITIVE_INFINITY);
  });

  it('reads this process', () => {
    expect(openFilesLimit()).toBeGreaterThan(0);
  });
});
