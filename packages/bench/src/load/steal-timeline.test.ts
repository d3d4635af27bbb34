import { afterEach, describe, expect, it, vi } from 'vitest';
import { StealTimeline } from './steal-timeline.js';

/** A timeline sampled by hand: at each (time µs, stolen seconds per CPU). */
function timeline(samples: [number, number[]][]): StealTimeline {
  let next = 0;
  const steal = new StealTimeline(
    () => samples[next]![0],
    () => samples[next++]![1],
  );
  for (let i = 0; i < samples.length; i++) steal.sample();
  return steal;
}

describe('StealTimeline', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('finds a burst on either CPU within a span, widened to the samples around it', () => {
    const steal = timeline([
      [0, [1, 1]],
      [100, [1, 1]],
      [200, [1, 1.03]],
      [300, [1, 1.03]],
      [400, [1, 1.03]],
    ]);
    expect(steal.stolenSeconds(0, 100)).toBe(0);
    expect(steal.stolenSeconds(300, 400)).toBe(0);
    expect(steal.stolenSeconds(100, 200)).toBeCloseTo(0.03);
    // 150-160 lies between two samples: the span grows to 100-200 and sees the burst.
    expect(steal.stolenSeconds(150, 160)).toBeCloseTo(0.03);
    // Past the last sample, the last sample is the end.
    expect(steal.stolenSeconds(0, 900)).toBeCloseTo(0.03);
  });

  it('samples on its own between start and stop', () => {
    vi.useFakeTimers();
    let now = 0;
    let stolen = 0;
    const steal = new StealTimeline(
      () => now,
      () => [stolen],
    );
    steal.start(50);
    now = 50_000;
    stolen = 0.02;
    vi.advanceTimersByTime(50);
    now = 100_000;
    vi.advanceTimersByTime(50);
    now = 130_000;
    steal.stop();
    vi.advanceTimersByTime(500);
    expect(steal.stolenSeconds(0, 50_000)).toBeCloseTo(0.02);
    expect(steal.stolenSeconds(50_000, 130_000)).toBe(0);
  });
});
