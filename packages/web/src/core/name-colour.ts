import { canonicalName } from 'aurora-protocol';

// Mirrors the terminal client's palette and hash (packages/cli/src/core/name-colour.ts) so a person
// has the same colour in both clients. The web package may not import the CLI, so the algorithm and
// palette are repeated here and pinned by name-colour.test.ts: change both files together.

/** Sender name colours, in the terminal client's order; readable on the dark theme's background. */
export const NAME_PALETTE: readonly string[] = [
  '#e06c75',
  '#d19a66',
  '#c8ae3c',
  '#98c379',
  '#3fb68b',
  '#56b6c2',
  '#61afef',
  '#7f8cf0',
  '#c678dd',
  '#e06cb0',
  '#b5835a',
  '#8fa35b',
];

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

/** The colour of a nick, the same as in the terminal client. */
export function nameColour(nick: string): string {
  return NAME_PALETTE[nameColourIndex(nick)]!;
}
