import { describe, expect, it } from 'vitest';
import { checkNick } from './names.js';
import { BOT_MARK, markedName, REGISTERED_MARK } from './registered-mark.js';

describe('markedName', () => {
  it('marks registered names only', () => {
    expect(markedName('alice', true)).toBe(`alice${REGISTERED_MARK}`);
    expect(markedName('alice', undefined)).toBe('alice');
    expect(markedName('alice', false)).toBe('alice');
  });

  it('uses a sign no name can contain, so a guest cannot fake it', () => {
    expect(checkNick(`alice${REGISTERED_MARK}`).ok).toBe(false);
  });

  it("marks a webhook's name as a bot's, with a sign no name can contain", () => {
    expect(markedName('builds', undefined, true)).toBe(`builds${BOT_MARK}`);
    expect(markedName('builds', undefined, false)).toBe('builds');
    expect(checkNick(`builds${BOT_MARK}`).ok).toBe(false);
  });
});
