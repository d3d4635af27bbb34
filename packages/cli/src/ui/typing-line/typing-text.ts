import { peopleTyping, type Typist, typingSentence } from 'aurora-client';
import { sanitizeForTerminal } from 'aurora-protocol';
import { displayWidth, truncate } from '../../core/wrap.js';

/**
 * The engine's typing sentence (aurora-client's typingSentence) in at most `width` columns. Names
 * are never cut (two long names cut alike would look the same): when they do not fit, the line
 * counts people instead, and one name alone says "someone".
 */
export function typingText(typists: readonly Typist[], width = Number.POSITIVE_INFINITY): string {
  const names = typists.map((t) => sanitizeForTerminal(t.nick));
  const named = typingSentence(names);
  if (names.length > 3 || displayWidth(named) <= width) return truncate(named, width);
  return truncate(peopleTyping(names.length), width);
}

/** The length counter, shown once the input passes 80 % of the limit: `3900/4096`. */
export function lengthCounter(bytes: number, max: number): string {
  return bytes >= max * 0.8 ? `${bytes}/${max}` : '';
}
