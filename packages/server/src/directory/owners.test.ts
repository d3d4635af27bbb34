import { describe, expect, it } from 'vitest';
import { hasOtherOwner, hasOwner, withOwner, withoutOwner } from './owners.js';

describe('owners', () => {
  it('holds one connection as its id and more in a set, and shrinks back', () => {
    const one = withOwner(undefined, 's1');
    expect(one).toBe('s1');
    expect(withOwner(one, 's1')).toBe('s1');
    const two = withOwner(one, 's2');
    expect(two).toEqual(new Set(['s1', 's2']));
    expect(hasOwner(two, 's2')).toBe(true);
    expect(hasOtherOwner(two, 's1')).toBe(true);
    expect(withoutOwner(two, 's1')).toBe('s2');
    expect(withoutOwner('s2', 's2')).toBeUndefined();
  });

  it('tells another connection from the same one', () => {
    expect(hasOtherOwner('s1', 's1')).toBe(false);
    expect(hasOtherOwner('s1', 's2')).toBe(true);
    expect(hasOwner('s1', 's2')).toBe(false);
    expect(withoutOwner('s1', 's2')).toBe('s1');
    const three = withOwner(withOwner('a', 'b'), 'c');
    expect(withoutOwner(three, 'b')).toEqual(new Set(['a', 'c']));
    expect(withOwner(three, 'a')).toBe(three);
  });
});
