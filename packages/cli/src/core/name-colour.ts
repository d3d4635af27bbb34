import { canonicalName } from 'aurora-protocol';

/**
 * Colours for sender names, as hex so that both clients can use them (chalk maps them down to the
 * terminal's palette). The web client must use this same palette, in this order, with the same hash,
 * so that a person has one colour everywhere. Picked to be readable on dark and light backgrounds.
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

/**
 * The palette index for a name: FNV-1a (32 bit) over the UTF-8 bytes of `canonicalName(name)`, modulo
 * the palette length. Canonical, so `Alice` and `ALICE` (one person to the server) share a colour.
 */
export function nameColourIndex(name: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(canonicalName(name))) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % NAME_PALETTE.length;
}

/** The hex colour for a name. */
export function nameColour(name: string): string {
  return NAME_PALETTE[nameColourIndex(name)]!;
}
