import { LIMITS, utf8Length } from './limits.js';
import { isTerminalSafe } from './sanitize.js';

/**
 * The shortcodes a reaction may be typed as, and the emoji each stands for. A reaction is stored as
 * the emoji, so `:+1:` and 👍 are one reaction; this list is the documented set (PROTOCOL.md).
 */
export const REACTION_SHORTCODES: Readonly<Record<string, string>> = Object.freeze({
  ':+1:': '👍',
  ':thumbsup:': '👍',
  ':-1:': '👎',
  ':thumbsdown:': '👎',
  ':heart:': '❤️',
  ':smile:': '😄',
  ':laughing:': '😆',
  ':joy:': '😂',
  ':tada:': '🎉',
  ':eyes:': '👀',
  ':fire:': '🔥',
  ':rocket:': '🚀',
  ':ok:': '🆗',
  ':check:': '✅',
  ':x:': '❌',
  ':thinking:': '🤔',
  ':pray:': '🙏',
  ':clap:': '👏',
  ':wave:': '👋',
  ':100:': '💯',
});

/** Why an emoji cannot be a reaction (code `bad_emoji`). */
export type EmojiCheck =
  | { readonly ok: true; readonly emoji: string }
  | { readonly ok: false; readonly message: string };

let segmenter: Intl.Segmenter | undefined;

/** The emoji a documented `:shortcode:` stands for (any case), or undefined. */
function shortcodeEmoji(text: string): string | undefined {
  const code = text.toLowerCase();
  return Object.hasOwn(REACTION_SHORTCODES, code) ? REACTION_SHORTCODES[code] : undefined;
}

/**
 * Checks a reaction as typed and gives the emoji it is stored as: a `:shortcode:` from
 * {@link REACTION_SHORTCODES}, or one grapheme that is an emoji (a pictograph, a flag, a keycap),
 * terminal-safe, of at most `maxEmojiBytes`. Shared by the server (the rule) and clients (the hint).
 */
export function checkEmoji(typed: string): EmojiCheck {
  const text = typed.trim();
  if (text.startsWith(':') && text.endsWith(':') && text.length > 2) {
    const emoji = shortcodeEmoji(text);
    return emoji === undefined
      ? { ok: false, message: `${text} is not a known shortcode; see PROTOCOL.md for the list` }
      : { ok: true, emoji };
  }
  if (text.length === 0) return { ok: false, message: 'a reaction needs an emoji' };
  if (utf8Length(text) > LIMITS.maxEmojiBytes || !isTerminalSafe(text))
    return { ok: false, message: 'a reaction is one emoji' };
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let graphemes = 0;
  for (const _ of segmenter.segment(text)) if (++graphemes > 1) break;
  if (graphemes !== 1 || !/\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u.test(text))
    return { ok: false, message: 'a reaction is one emoji, or a :shortcode:' };
  return { ok: true, emoji: text };
}
