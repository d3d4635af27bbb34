// Character sets shared by the name rules and the terminal sanitizer, so both agree on what is
// invisible or reorders text. Each is the body of a regex character class.

/** Bidi embeddings, overrides, isolates and marks: they reorder how text is displayed. */
export const BIDI_CONTROLS = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';

/**
 * Zero-width and default-ignorable characters that make two strings look identical: soft hyphen,
 * combining grapheme joiner, fillers, Mongolian selectors, ZWSP/ZWNJ, word joiner and invisible
 * operators, deprecated format characters, BOM, and tag characters. ZWJ (U+200D) is apart because
 * emoji sequences need it; variation selectors are apart because emoji presentation needs them.
 */
export const INVISIBLES =
  '\\u00AD\\u034F\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B\\u200C\\u2060-\\u2064\\u206A-\\u206F\\u3164\\uFEFF\\uFFA0\\u{E0000}-\\u{E007F}';

/** Zero-width joiner. */
export const ZWJ = '\\u200D';

/** Variation selectors (text or emoji presentation). */
export const VARIATION_SELECTORS = '\\uFE00-\\uFE0F\\u{E0100}-\\u{E01EF}';

/** Builds a Unicode-aware regex that matches one character of the given sets. */
export function charClass(sets: readonly string[], flags = ''): RegExp {
  return new RegExp(`[${sets.join('')}]`, `u${flags}`);
}
