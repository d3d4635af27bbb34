import { ManualClock } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { ReadMarkers } from './read-markers.js';

function setup() {
  const clock = new ManualClock();
  const sent: string[] = [];
  const markers = new ReadMarkers((target, seq) => sent.push(`${target}:${seq}`), clock);
  return { clock, sent, markers };
}

describe('ReadMarkers', () => {
  it('sends the first marker of a target at once', () => {
    const { markers, sent } = setup();
    markers.mark('dev', 3);
    markers.mark('@bob', 1);
    expect(sent).toEqual(['dev:3', '@bob:1']);
  });

  it('sends at most one a second per target, the newest seq winning', () => {
    const { markers, sent, clock } = setup();
    markers.mark('dev', 3);
    markers.mark('dev', 4);
    markers.mark('dev', 6);
    markers.mark('dev', 5);
    expect(sent).toEqual(['dev:3']);
    clock.advance(1000);
    expect(sent).toEqual(['dev:3', 'dev:6']);
  });

  it('only moves forward, and forgets everything on reset', () => {
    const { markers, sent, clock } = setup();
    markers.mark('dev', 5);
    clock.advance(5000);
    markers.mark('dev', 2);
    markers.mark('dev', 5);
    expect(sent).toEqual(['dev:5']);
    markers.mark('dev', 7);
    markers.mark('dev', 8);
    markers.reset();
    clock.advance(5000);
    expect(sent).toEqual(['dev:5', 'dev:7']);
    markers.mark('dev', 1);
    expect(sent.at(-1)).toBe('dev:1');
  });
});
