import { sanitizeForTerminal } from 'aurora-protocol';
import type { Typist } from '../../core/chat-state.js';
import { truncate } from '../../core/wrap.js';

/** "bob is typing…", "bob and carol are typing…", "bob, carol and dave are…", "5 people are…". */
export function typingText(typists: readonly Typist[]): string {
  const names = typists.map((t) => truncate(sanitizeForTerminal(t.nick), 20));
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return `${names.length} people are typing…`;
}

/** The length counter, shown once the input passes 80 % of the limit: `3900/4096`. */
export function lengthCounter(bytes: number, max: number): string {
  return bytes >= max * 0.8 ? `${bytes}/${max}` : '';
}
