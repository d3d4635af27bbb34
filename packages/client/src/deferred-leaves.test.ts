import { describe, expect, it } from 'vitest';
import { DeferredLeaves } from './deferred-leaves.js';

/** Deferred leaves over a set of rooms with lines on their way; `left` records the leaves carried out. */
function setup(...waiting: string[]) {
  const rooms = new Set(waiting);
  const left: string[] = [];
  const leaves = new DeferredLeaves(
    (room) => rooms.has(room),
    (room) => left.push(room),
  );
  return { rooms, left, leaves };
}

describe('DeferredLeaves', () => {
  it('leaves at once a room with nothing on its way, and later one whose lines are still out', () => {
    const { rooms, left, leaves } = setup('dev');
    leaves.request('ops');
    leaves.request('dev');
    expect(left).toEqual(['ops']);
    leaves.settle();
    expect(left).toEqual(['ops']);
    rooms.delete('dev');
    leaves.settle();
    leaves.settle();
    expect(left).toEqual(['ops', 'dev']);
  });

  it('forgets a cancelled leave', () => {
    const { rooms, left, leaves } = setup('dev');
    leaves.request('dev');
    leaves.cancel('dev');
    rooms.delete('dev');
    leaves.settle();
    expect(left).toEqual([]);
  });
});
