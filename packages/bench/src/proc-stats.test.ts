import { describe, expect, it } from 'vitest';
import { sampleProcess } from './proc-stats.js';

describe('sampleProcess', () => {
  it('reads this process: some CPU used and a plausible resident size', () => {
    let spin = 0;
    for (let i = 0; i < 5e6; i++) spin += i;
    const sample = sampleProcess(process.pid);
    expect(spin).toBeGreaterThan(0);
    expect(sample.cpuSeconds).toBeGreaterThan(0);
    expect(sample.rssKb * 1024).toBeGreaterThan(process.memoryUsage().heapUsed / 2);
  });

  it('answers zeros for a process that does not exist', () => {
    expect(sampleProcess(2 ** 30)).toEqual({ cpuSeconds: 0, rssKb: 0, waitSeconds: 0 });
  });
});
