import { describe, expect, it } from 'vitest';
import * as oneOrSet from './one-or-set.js';

describe('one value or a set', () => {
  it('holds one as itself and more in a set, in the order added, and shrinks back', () => {
    const one = oneOrSet.add(undefined, 's1');
    expect(one).toBe('s1');
    expect(oneOrSet.add(one, 's1')).toBe('s1');
    const two = oneOrSet.add(one, 's2');
    expect(two).toEqual(new Set(['s1', 's2']));
    expect(oneOrSet.has(two, 's2')).toBe(true);
    expect(oneOrSet.hasOther(two, 's1')).toBe(true);
    const three = oneOrSet.add(two, 's3');
    expect([...oneOrSet.values(three)]).toEqual(['s1', 's2', 's3']);
    expect(oneOrSet.add(three, 's1')).toBe(three);
    expect(oneOrSet.remove(three, 's2')).toEqual(new Set(['s1', 's3']));
    expect(oneOrSet.remove(three, 's1')).toBe('s3');
    expect(oneOrSet.remove('s3', 's3')).toBeUndefined();
  });

  it('tells another value from the same one, and counts nothing as none', () => {
    expect(oneOrSet.hasOther('s1', 's1')).toBe(false);
    expect(oneOrSet.hasOther('s1', 's2')).toBe(true);
    expect(oneOrSet.has('s1', 's2')).toBe(false);
    expect(oneOrSet.remove('s1', 's2')).toBe('s1');
    expect([
      oneOrSet.size(undefined),
      oneOrSet.has(undefined, 's1'),
      [...oneOrSet.values(undefined)],
    ]).toEqual([0, false, []]);
  });
});
