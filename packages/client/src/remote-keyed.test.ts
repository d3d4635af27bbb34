import { describe, expect, it } from 'vitest';
import { remoteKeyed, withEntry, withoutEntry } from './remote-keyed.js';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

describe('remote-keyed records', () => {
  it.each(PROTOTYPE_NAMES)('treat %s as an ordinary key', (key) => {
    const empty = remoteKeyed<number>();
    expect(empty[key]).toBeUndefined();
    const one = withEntry(empty, key, 1);
    expect(one[key]).toBe(1);
    expect(Object.keys(one)).toEqual([key]);
    expect(Object.getPrototypeOf(one)).toBeNull();
    const two = withEntry(one, 'dev', 2);
    expect(Object.entries(two)).toEqual([
      [key, 1],
      ['dev', 2],
    ]);
    expect(withoutEntry(two, key)).toEqual(remoteKeyed([['dev', 2]]));
    expect(withoutEntry(two, key)[key]).toBeUndefined();
    expect(one[key]).toBe(1); // unchanged
  });

  it('builds from entries, __proto__ included, and survives JSON', () => {
    const record = remoteKeyed([
      ['__proto__', 3],
      ['@bob', 4],
    ]);
    expect(JSON.stringify(record)).toBe('{"__proto__":3,"@bob":4}');
    expect(withoutEntry(record, 'missing')).toBe(record);
  });
});
