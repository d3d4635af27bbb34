import { chat } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { digestEntries, digestSummary } from './digest-text.js';

const digest = (truncated = false) => ({
  type: 'digest' as const,
  mentions: [chat(7, 'bob', 'alice: lunch?', { room: 'ops' }), chat(2, 'carol', 'alice?', { room: 'dev' })],
  direct: [chat(3, 'dave', 'psst', { to: 'alice' })],
  truncated,
});

describe('digestSummary', () => {
  it('counts the mentions and direct messages, and says when there were more', () => {
    expect(digestSummary(digest())).toBe('While you were away: 2 mentions, 1 direct message');
    expect(digestSummary(digest(true))).toBe('While you were away: 2 mentions, 1 direct message (and more)');
  });
});

describe('digestEntries', () => {
  it('lists them oldest first, a mention with its room', () => {
    expect(digestEntries(digest()).map((e) => `${e.room ?? 'DM'} ${e.message.from}`)).toEqual([
      'dev carol',
      'DM dave',
      'ops bob',
    ]);
  });
});
