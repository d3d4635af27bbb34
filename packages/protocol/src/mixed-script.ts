import { SCRIPT_CODES } from './scripts.js';

const ANY_SCRIPT = /^[\p{scx=Common}\p{scx=Inherited}]$/u;
const ASCII_LETTER = /[A-Za-z]/;

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
// UTS #39 augments the script sets so that Han, kana and Hangul count as Japanese, Chinese
// (with Bopomofo) or Korean writing.
const AUGMENTED = new Map<string, readonly string[]>([
  ['Hani', ['Hanb', 'Jpan', 'Kore']],
  ['Hira', ['Jpan']],
  ['Kana', ['Jpan']],
  ['Hang', ['Kore']],
  ['Bopo', ['Hanb']],
]);
const CJK = ['Hanb', 'Jpan', 'Kore'];

let tests: readonly (readonly [string, RegExp])[] | undefined;

/** One `\p{scx=...}` test per script the engine knows, built on first use. */
function scriptTests(): readonly (readonly [string, RegExp])[] {
  if (tests) return tests;
  const built: (readonly [string, RegExp])[] = [];
  for (const name of SCRIPT_CODES) {
    try {
      built.push([name, new RegExp(`^\\p{scx=${name}}$`, 'u')]);
    } catch {
      // An engine with older Unicode data does not know this script; none of its characters can
      // then be told apart anyway.
    }
  }
  tests = built;
  return built;
}

/**
 * The UTS #39 resolved script set of some text, as ISO 15924 codes: the intersection of its
 * characters' augmented Script_Extensions, where Common and Inherited characters belong to every
 * script. Undefined when no character names a script (digits and `_` only).
 */
export function resolvedScripts(text: string): Set<string> | undefined {
  // ASCII, nearly every name: its letters are Latin only and the rest Common. The general path
  // tests each character against every script, the costliest step of a guest's hello.
  if (isAscii(text)) return ASCII_LETTER.test(text) ? new Set(['Latn']) : undefined;
  let resolved: Set<string> | undefined;
  for (const ch of text) {
    if (ANY_SCRIPT.test(ch)) continue;
    const own = new Set<string>();
    for (const [name, test] of scriptTests()) {
      if (!test.test(ch)) continue;
      own.add(name);
      for (const extra of AUGMENTED.get(name) ?? []) own.add(extra);
    }
    const before = resolved;
    resolved = before ? new Set([...own].filter((name) => before.has(name))) : own;
  }
  return resolved;
}

/**
 * True when text is "highly restrictive" in the sense of UTS #39: all of one script, or Latin
 * together with Han and kana (Japanese), Han and Bopomofo (Chinese) or Han and Hangul (Korean).
 * Mixed scripts are how look-alike names are built (`аlice` with a Cyrillic `а`).
 */
export function isHighlyRestrictive(text: string): boolean {
  const all = resolvedScripts(text);
  if (all === undefined || all.size > 0) return true;
  const withoutLatin = resolvedScripts([...text].filter((ch) => !/\p{scx=Latin}/u.test(ch)).join(''));
  return withoutLatin === undefined || CJK.some((name) => withoutLatin.has(name));
}
