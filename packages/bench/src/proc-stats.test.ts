import { cpus } from 'node:os';
import { describe, expect, it } from 'vitest';
import { groupSampler, mostStolen, SharedCoreWait, sampleProcess, sampleSteal } from './proc-stats.js';

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

describe('SharedCoreWait', () => {
  it('counts none of the wait processes sharing a core cause each other', () => {
    const shared = new SharedCoreWait();
    shared.next(0, 0, 10);
    // The group waited 0.5 s, but the core ran nothing besides the group's own 1 s of CPU.
    expect(shared.next(0.5, 1, 11)).toBe(0);
  });

  it('counts what other processes on the core cost, up to the time they ran', () => {
    const shared = new SharedCoreWait();
    shared.next(1, 5, 100);
    // Others ran 0.2 s of the core while the group waited 0.5 s: 0.2 s is theirs.
    expect(shared.next(1.5, 5.8, 101)).toBeCloseTo(0.2);
    // Others ran 0.3 s while the group was idle and waited only 0.1 s: 0.1 s.
    expect(shared.next(1.6, 6.5, 102)).toBeCloseTo(0.3);
  });

  it('is a counter: the wait between two samples is the difference of their totals', () => {
    const shared = new SharedCoreWait();
    const first = shared.next(0, 0, 0);
    shared.next(0.4, 0.5, 1);
    const last = shared.next(0.8, 1, 2);
    expect(last - first).toBeCloseTo(0.8);
  });
});

describe('groupSampler', () => {
  it('sums the CPU time and memory of its processes', () => {
    const one = sampleProcess(process.pid);
    const both = groupSampler([process.pid, process.pid], undefined)();
    expect(both.rssKb).toBeGreaterThanOrEqual(one.rssKb * 1.5);
    expect(both.cpuSeconds).toBeGreaterThanOrEqual(one.cpuSeconds * 2);
  });
});
