import { cpus } from 'node:os';
import { describe, expect, it } from 'vitest';
import { mostStolen, sampleProcess, sampleSteal } from './proc-stats.js';

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

describe('steal time', () => {
  it('reads one counter per CPU of this machine', () => {
    const steal = sampleSteal();
    expect(steal).toHaveLength(cpus().length);
    for (const seconds of steal) expect(seconds).toBeGreaterThanOrEqual(0);
  });

  it('reports the CPU that lost the most', () => {
    // 0.3 s and 0.05 s stolen from two CPUs.
    expect(mostStolen([1, 2], [1.3, 2.05])).toBeCloseTo(0.3);
    expect(mostStolen([1, 2], [1, 2])).toBe(0);
    // A CPU missing from the first sample counts nothing rather than its whole history.
    expect(mostStolen([1], [1.1, 50])).toBeCloseTo(0.1);
  });
});
