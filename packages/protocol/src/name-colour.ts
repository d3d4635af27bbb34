import { canonicalName } from './names.js';

/**
 * Colours for sender names, shared by every client so a person has one colour everywhere (the
 * terminal maps them down to its palette). Readable on dark and light backgrounds.
 */
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

const encoder = new TextEncoder();

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The palette index of a name; canonical, so `Alice` and `ALICE` (one person) share a colour. */
export function nameColourIndex(name: string): number {
  return fnv1a32(canonicalName(name)) % NAME_PALETTE.length;
}

/** The hex colour of a name. */
export function nameColour(name: string): string {
  return NAME_PALETTE[nameColourIndex(name)]!;
}
