// Unicode's confusables.txt (UTS #39), as a code point -> prototype map generated from it by the
// unhomoglyph package. Imported only from here, and this module only through the
// `aurora-protocol/skeleton` entry, so the browser bundle never carries the table.
import confusables from 'unhomoglyph/data.json' with { type: 'json' };

/** The Unicode version of the confusables data (unhomoglyph 1.0.6 ships confusables.txt 13.0.0). */
export const CONFUSABLES_UNICODE_VERSION = '13.0.0';

const PROTOTYPES = new Map<string, string>(Object.entries(confusables as Record<string, string>));

/**
 * The UTS #39 skeleton of a string: NFD, every code point replaced by its confusables prototype,
 * NFD again. Two strings that look alike in common fonts (`ɑlice`, `аlice`, `𝐚lice`, `aIice`,
 * `alicе`, `rn`/`m`, `l`/`1`/`I`) have the same skeleton. Case matters here, as in the data.
 */
export function skeleton(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFD')) out += PROTOTYPES.get(ch) ?? ch;
  return out.normalize('NFD');
}

/**
 * The key under which two nicknames count as look-alikes: the skeleton of the NFKC form, then lower
 * case (as Ergo does). Skeleton first, so `I`/`l` and capitals of other scripts (`ΗΑΤ`, `HAT`) meet;
 * lower case after, so the skeletons of `Alice` and `alice` meet. Names whose case folding is equal
 * (`ALICE`, `alice`) share `canonicalName` instead, which uniqueness checks as well.
 */
export function nameSkeleton(name: string): string {
  return skeleton(name.normalize('NFKC')).toLowerCase().normalize('NFD');
}
