import type { Typist } from 'aurora-client';
import { sanitizeForTerminal } from 'aurora-protocol';
import { displayWidth, truncate } from '../../core/wrap.js';

/**
 * "bob is typing…", "bob and carol are typing…", "bob, carol and dave are…", "5 people are…", in at
 * most `width` columns. Names are never cut (two long names cut alike would look the same): when
 * they do not fit, the line counts people instead, and one name alone says "someone".
 */
export function typingText(typists: readonly Typist[], width = Number.POSITIVE_INFINITY): string {
  const names = typists.map((t) => sanitizeForTerminal(t.nick));
  const named =
    names.length === 1
      ? `${names[0]} is typing…`
      : names.length === 2
        ? `${names[0]} and ${names[1]} are typing…`
        : names.length === 3
          ? `${names[0]}, ${names[1]} and ${names[2]} are typing…`
          : '';
  if (names.length === 0) return '';
  if (named && displayWidth(named) <= width) return named;
  return truncate(names.length === 1 ? 'someone is typing…' : `${names.length} people are typing…`, width);
}

/** The length counter, shown once the input passes 80 % of the limit: `3900/4096`. */
export function lengthCounter(bytes: number, max: number): string {
  return bytes >= max * 0.8 ? `${bytes}/${max}` : '';
}
