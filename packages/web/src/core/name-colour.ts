import { canonicalName } from 'aurora-protocol';

// Mirrors the terminal client's palette and hash (packages/cli/src/core/name-colour.ts) so a person
// has the same colour in both clients. The web package may not import the CLI, so the algorithm is
// repeated here and pinned by name-colour.test.ts: change both files together.

/** The terminal palette in order; the browser shows each as the CSS class `nick-c<index>`. */
export const NAME_PALETTE = [
  'cyan',
  'green',
  'yellow',
  'blue',
  'magenta',
  'red',
  'brightCyan',
  'brightGreen',
  'brightYellow',
  'brightBlue',
  'brightMagenta',
  'brightRed',
] as const;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
}

/** The palette index of a nick: names that are one person (`Alice`, `ALICE`) share a colour. */
export function nameColourIndex(nick: string): number {
  return fnv1a32(canonicalName(nick)) % NAME_PALETTE.length;
}

/** The CSS class that colours a nick like the terminal client does. */
export function nameColourClass(nick: string): string {
  return `nick-c${nameColourIndex(nick)}`;
}
