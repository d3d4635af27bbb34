import { ManualClock } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { HelloDeadlines } from './hello-deadlines.js';

describe('HelloDeadlines', () => {
  it('calls each connection at its own deadline, in order, with one timer waiting at a time', () => {
    const clock = new ManualClock();
    const expired: string[] = [];
    const deadlines = new HelloDeadlines<string>(clock, 1000, (name) => expired.push(name));
    deadlines.add('a');
    clock.advance(400);
    deadlines.add('b');
    deadlines.add('c');
    expect(clock.pending()).toBe(1);
    clock.advance(599);
    expect(expired).toEqual([]);
    clock.advance(1);
    expect(expired).toEqual(['a']);
    clock.advance(399);
    expect(expired).toEqual(['a']);
    clock.advance(1);
    expect(expired).toEqual(['a', 'b', 'c']);
    expect(clock.pending()).toBe(0);
    // The queue starts again for the next connection.
    deadlines.add('d');
    clock.advance(1000);
    expect(expired).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps its order through many connections, and calls none once stopped', () => {
    const clock = new ManualClock();
    const expired: number[] = [];
    const deadlines = new HelloDeadlines<number>(clock, 100, (n) => expired.push(n));
    for (let i = 0; i < 50; i++) {
      deadlines.add(i);
      clock.advance(10);
    }
    expect(expired).toEqual(Array.from({ length: 41 }, (_, i) => i));
    deadlines.stop();
    clock.advance(1000);
    expect(expired).toHaveLength(41);
    expect(clock.pending()).toBe(0);
  });
});

describe('HelloDeadlines forgetting', () => {
  it('lets go of a forgotten connection at once and never calls it, however the queue was cut', () => {
    const clock = new ManualClock();
    const expired: string[] = [];
    const deadlines = new HelloDeadlines<string>(clock, 100, (name) => expired.push(name));
    const places = ['a', 'b', 'c', 'd'].map((name) => {
      const place = deadlines.add(name);
      clock.advance(30);
      return place;
    });
    // At 120 ms: a's deadline (100) has passed, b's (130), c's (160) and d's (190) have not.
    expect(expired).toEqual(['a']);
    deadlines.forget(places[1]!);
    clock.advance(40);
    expect(expired).toEqual(['a', 'c']);
    // Cut from the front by now; places still name the same connections, and old ones nothing.
    deadlines.forget(places[3]!);
    deadlines.forget(places[0]!);
    clock.advance(200);
    expect(expired).toEqual(['a', 'c']);
    const e = deadlines.add('e');
    deadlines.forget(e);
    clock.advance(200);
    expect(expired).toEqual(['a', 'c']);
  });
});
