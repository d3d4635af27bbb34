import { describe, expect, it } from 'vitest';
import { checkNick } from './names.js';
import { markedName, REGISTERED_MARK } from './registered-mark.js';

describe('markedName', () => {
  it('marks registered names only', () => {
    expect(markedName('alice', true)).toBe(`alice${REGISTERED_MARK}`);
    expect(markedName('alice', undefined)).toBe('alice');
    expect(markedName('alice', false)).toBe('alice');
  });

  it('uses a sign no name can contain, so a guest cannot fake it', () => {
    expect(checkNick(`alice${REGISTERED_MARK}`).ok).toBe(false);
  });
});
