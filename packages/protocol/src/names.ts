import { LIMITS } from './limits.js';
import { isHighlyRestrictive } from './mixed-script.js';
import { BIDI_CONTROLS, charClass, INVISIBLES, VARIATION_SELECTORS, ZWJ } from './unicode.js';

/** Why a nickname or room name was refused, as a stable reason code plus a sentence for people. */
export interface NameProblem {
  readonly reason:
    | 'empty'
    | 'too_long'
    | 'control'
    | 'bidi'
    | 'invisible'
    | 'whitespace'
    | 'symbol'
    | 'start'
    | 'mixed_script';
  readonly message: string;
}

/** The result of checking a name: the normalized name to use, or the problem. */
export type NameCheck =
  | { readonly ok: true; readonly name: string }
  | { readonly ok: false; readonly problem: NameProblem };

const CONTROL = /[\p{Cc}]/u;
const BIDI = charClass([BIDI_CONTROLS]);
// Invisible characters make two names look identical, so names refuse even ZWJ and selectors.
const INVISIBLE = charClass([INVISIBLES, ZWJ, VARIATION_SELECTORS]);
const WHITESPACE = /[\s\p{Z}]/u;
const ALLOWED = /^[\p{L}\p{M}\p{N}_.-]+$/u;
const STARTS_WELL = /^[\p{L}\p{N}_]/u;

/**
 * Checks a nickname against the name rules and returns its NFKC form. Letters of any one script are
 * fine (`Zoë`, `Мария`, `李雷`), and so is Latin with Chinese, Japanese or Korean; other mixes are
 * not (UTS #39 "highly restrictive"), because that is how look-alike names (`аlice` with a Cyrillic
 * `а`) are built. Whether a name looks like another one is `nameSkeleton`'s job, on the server.
 */
export function checkNick(raw: string): NameCheck {
  const name = raw.normalize('NFKC');
  if (name.length === 0) return fail('empty', 'A name cannot be empty.');
  if (CONTROL.test(name)) return fail('control', 'A name cannot contain control characters.');
  if (BIDI.test(name)) return fail('bidi', 'A name cannot contain text-direction characters.');
  if (INVISIBLE.test(name)) return fail('invisible', 'A name cannot contain invisible characters.');
  if (WHITESPACE.test(name)) return fail('whitespace', 'A name cannot contain spaces.');
  if ([...name].length > LIMITS.maxNickLength)
    return fail('too_long', `A name can have at most ${LIMITS.maxNickLength} characters.`);
  if (!ALLOWED.test(name)) return fail('symbol', 'A name may use letters, digits, "_", "-" and "." only.');
  if (!STARTS_WELL.test(name)) return fail('start', 'A name must start with a letter, digit or "_".');
  if (!isHighlyRestrictive(name))
    return fail(
      'mixed_script',
      'A name cannot mix letters of different scripts, except Latin with Chinese, Japanese or Korean.',
    );
  return { ok: true, name };
}

const ROOM = /^[a-z0-9][a-z0-9_.-]*$/;

/**
 * Checks a room name and returns its canonical form: ASCII, lower case, a leading `#` dropped, so
 * `#Dev` and `dev` are one room.
 */
export function checkRoom(raw: string): NameCheck {
  const name = (raw.startsWith('#') ? raw.slice(1) : raw).toLowerCase();
  if (name.length === 0) return fail('empty', 'A room name cannot be empty.');
  if (name.length > LIMITS.maxRoomLength)
    return fail('too_long', `A room name can have at most ${LIMITS.maxRoomLength} characters.`);
  if (!ROOM.test(name))
    return fail(
      /^[a-z0-9_.-]+$/.test(name) ? 'start' : 'symbol',
      'A room name uses a-z, 0-9, "_", "-" and "." and starts with a letter or digit.',
    );
  return { ok: true, name };
}

/**
 * The key of a person's identity (claims, accounts, conversations, read markers): NFKC, full case
 * folding, then the Cyrillic and Greek letters of the table below mapped to Latin. The table is
 * frozen as it was when keys were first stored, so every stored key stays valid; it is not what
 * keeps look-alike names apart. The server refuses a name whose UTS #39 skeleton (`nameSkeleton` in
 * `aurora-protocol/skeleton`, over all of Unicode's confusables data) is taken, as well as one whose
 * canonical name is.
 */
export function canonicalName(name: string): string {
  // toUpperCase().toLowerCase() gives full case folding for the cases that matter (ß -> ss, ς -> σ).
  const folded = name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
  let out = '';
  for (const ch of folded) out += LOOKALIKES.get(ch) ?? ch;
  return out;
}

/** True when both names would be treated as the same person. */
export function sameName(a: string, b: string): boolean {
  return canonicalName(a) === canonicalName(b);
}

function fail(reason: NameProblem['reason'], message: string): NameCheck {
  return { ok: false, problem: { reason, message } };
}

// Frozen: the identity keys of stored accounts and conversations were made with it. Look-alikes
// are decided by the skeleton (see `canonicalName`), so this table is never extended.
const LOOKALIKES = new Map<string, string>(
  Object.entries({
    а: 'a',
    в: 'b',
    е: 'e',
    ё: 'e',
    һ: 'h',
    і: 'i',
    ї: 'i',
    ј: 'j',
    к: 'k',
    ӏ: 'l',
    м: 'm',
    н: 'h',
    о: 'o',
    р: 'p',
    с: 'c',
    т: 't',
    у: 'y',
    х: 'x',
    ѕ: 's',
    ԁ: 'd',
    ԛ: 'q',
    ԝ: 'w',
    ү: 'y',
    ɡ: 'g',
    α: 'a',
    β: 'b',
    ε: 'e',
    η: 'n',
    ι: 'i',
    κ: 'k',
    ν: 'v',
    ο: 'o',
    ρ: 'p',
    τ: 't',
    υ: 'u',
    χ: 'x',
    γ: 'y',
    ϲ: 'c',
    ϳ: 'j',
    ζ: 'z',
    μ: 'u',
  }),
);
