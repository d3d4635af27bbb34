import { describe, expect, it } from 'vitest';
import { WindowLatency } from './window-latency.js';

const SECOND = 1_000_000;

/** A 4 s window of 100 deliveries owed per second: 1 ms each, except 30 ms in second 2. */
function window(): WindowLatency {
  const latency = new WindowLatency(10 * SECOND, 14 * SECOND, SECOND);
  for (let second = 0; second < 4; second++) {
    for (let i = 0; i < 100; i++) {
      const sent = 10 * SECOND + second * SECOND + i * 10_000;
      latency.owe(sent, 1);
      latency.record(sent, second === 2 ? 30_000 : 1000);
    }
  }
  return latency;
}

describe('WindowLatency', () => {
  it('reads the whole window by default, a stalled second making its tail', () => {
    const whole = window().figures();
    expect(whole.share).toBe(1);
    expect(whole.p50Ms).toBeCloseTo(1.01, 2);
    expect(whole.p99Ms).toBeCloseTo(30.01, 2);
  });

  it('reads only the slots kept, by their send-time span', () => {
    const spans: [number, number][] = [];
    const quiet = window().figures((from, to) => {
      spans.push([from, to]);
      return from !== 12 * SECOND;
    });
    expect(spans).toEqual([
      [10 * SECOND, 11 * SECOND],
      [11 * SECOND, 12 * SECOND],
      [12 * SECOND, 13 * SECOND],
      [13 * SECOND, 14 * SECOND],
    ]);
    expect(quiet.share).toBe(0.75);
    expect(quiet.p99Ms).toBeCloseTo(1.01, 2);
  });

  it('counts deliveries owed in kept slots that never arrived as infinitely late', () => {
    const latency = new WindowLatency(0, 2 * SECOND, SECOND);
    latency.owe(10, 100);
    for (let i = 0; i < 98; i++) latency.record(10, 500);
    latency.owe(SECOND + 10, 100);
    for (let i = 0; i < 100; i++) latency.record(SECOND + 10, 500);
    expect(latency.figures((from) => from === 0).p99Ms).toBe(Number.POSITIVE_INFINITY);
    expect(latency.figures((from) => from === SECOND).p99Ms).toBeCloseTo(0.51, 2);
    expect(latency.totalOwed).toBe(200);
  });

  it('answers NaN when no slot is kept, and covers only its own span', () => {
    const latency = window();
    expect(latency.figures(() => false)).toEqual({
      share: 0,
      p50Ms: Number.NaN,
      p99Ms: Number.NaN,
      p999Ms: Number.NaN,
    });
    expect(latency.covers(10 * SECOND)).toBe(true);
    expect(latency.covers(14 * SECOND)).toBe(false);
    expect(latency.covers(10 * SECOND - 1)).toBe(false);
  });
});
