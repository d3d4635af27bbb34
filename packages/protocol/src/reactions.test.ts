import { describe, expect, it } from 'vitest';
import { checkEmoji, REACTION_SHORTCODES } from './reactions.js';

describe('checkEmoji', () => {
  it('takes one emoji as it is, flags and families included', () => {
    for (const emoji of ['👍', '❤️', '🇫🇷', '👨‍👩‍👧', '1️⃣', '👍🏽'])
      expect(checkEmoji(emoji)).toEqual({ ok: true, emoji });
  });

  it('maps a documented shortcode to its emoji, so :+1: and 👍 are one reaction', () => {
    expect(checkEmoji(':+1:')).toEqual({ ok: true, emoji: '👍' });
    expect(checkEmoji(':THUMBSUP:')).toEqual({ ok: true, emoji: '👍' });
    for (const emoji of Object.values(REACTION_SHORTCODES)) expect(checkEmoji(emoji).ok).toBe(true);
  });

  it('refuses text, two emoji, unknown shortcodes and control characters', () => {
    for (const typed of ['', 'a', 'ok', '👍👍', ':nope:', ':constructor:', '\u001b[31m👍', '👍\u202e'])
      expect(checkEmoji(typed).ok).toBe(false);
  });
});
