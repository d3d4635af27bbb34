import stringWidth from 'string-width';

/** A run of text drawn in one style. Styles are compared by identity when runs are merged. */
export interface Segment<S> {
  readonly text: string;
  readonly style: S;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const widthCache = new Map<string, number>();

/** The user-perceived characters of a string (grapheme clusters): `👩‍💻`, `é` and `🇫🇷` are one each. */
export function graphemes(text: string): string[] {
  if (PRINTABLE_ASCII.test(text)) return text.split('');
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Terminal columns one grapheme takes: 0, 1 or 2 (CJK and emoji are 2). */
export function graphemeWidth(grapheme: string): number {
  if (grapheme.length === 1) {
    const code = grapheme.charCodeAt(0);
    if (code >= 0x20 && code < 0x7f) return 1;
  }
  let width = widthCache.get(grapheme);
  if (width === undefined) {
    width = stringWidth(grapheme);
    if (widthCache.size > 10_000) widthCache.clear();
    widthCache.set(grapheme, width);
  }
  return width;
}

/** Terminal columns a string takes (no escape sequences expected: it measures text, not output). */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const g of graphemes(text)) width += graphemeWidth(g);
  return width;
}

/** Cuts a string to at most `width` columns, ending with `…` when something was cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const g of graphemes(text)) {
    const w = graphemeWidth(g);
    if (used + w > width - 1) break;
    out += g;
    used += w;
  }
  return `${out}…`;
}

/** Pads with spaces on the right to `width` columns (after truncating to it). */
export function padEnd(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
}

/** Pads with spaces on the left to `width` columns (never truncates). */
export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

interface Unit<S> {
  readonly g: string;
  readonly w: number;
  readonly style: S;
}

type Token<S> =
  | { readonly kind: 'newline' }
  | { readonly kind: 'space' | 'word'; readonly units: Unit<S>[]; readonly width: number };

/**
 * Wraps styled text to `width` columns. Lines break at spaces; wide characters (CJK, emoji) may
 * break anywhere around them; a word longer than a line is cut between graphemes, never inside one;
 * `\n` starts a new line. Spaces where a line wraps are dropped, leading spaces of a paragraph kept.
 * The first line may have another width (`firstWidth`, for text after a prefix). Returns at least one
 * (possibly empty) line.
 */
export function wrapSegments<S>(
  segments: readonly Segment<S>[],
  width: number,
  firstWidth = width,
): Segment<S>[][] {
  const lines: Unit<S>[][] = [];
  let max = Math.max(1, firstWidth);
  let line: Unit<S>[] = [];
  let used = 0;
  let continuation = false;
  const breakLine = () => {
    while (line.length > 0 && line.at(-1)!.g === ' ') used -= line.pop()!.w;
    lines.push(line);
    line = [];
    used = 0;
    max = Math.max(1, width);
    continuation = true;
  };
  for (const token of tokenize(segments)) {
    if (token.kind === 'newline') {
      breakLine();
      continuation = false;
      continue;
    }
    if (token.kind === 'space') {
      if (used === 0 && continuation) continue;
      for (const unit of token.units) {
        if (used + unit.w > max) break;
        line.push(unit);
        used += unit.w;
      }
      continue;
    }
    if (used + token.width <= max) {
      line.push(...token.units);
      used += token.width;
      continue;
    }
    if (token.width <= max && used > 0) {
      breakLine();
      line.push(...token.units);
      used = token.width;
      continue;
    }
    for (const unit of token.units) {
      if (used + unit.w > max && used > 0) breakLine();
      line.push(unit);
      used += unit.w;
    }
  }
  lines.push(line);
  return lines.map(toSegments);
}

function tokenize<S>(segments: readonly Segment<S>[]): Token<S>[] {
  const tokens: Token<S>[] = [];
  let word: Unit<S>[] = [];
  let wordWidth = 0;
  let space: Unit<S>[] = [];
  const flushWord = () => {
    if (word.length) tokens.push({ kind: 'word', units: word, width: wordWidth });
    word = [];
    wordWidth = 0;
  };
  const flushSpace = () => {
    if (space.length) tokens.push({ kind: 'space', units: space, width: space.length });
    space = [];
  };
  for (const segment of segments) {
    for (const g of graphemes(segment.text)) {
      if (g === '\n') {
        flushWord();
        flushSpace();
        tokens.push({ kind: 'newline' });
      } else if (g === ' ') {
        flushWord();
        space.push({ g, w: 1, style: segment.style });
      } else {
        flushSpace();
        const w = graphemeWidth(g);
        if (w > 1) {
          flushWord();
          tokens.push({ kind: 'word', units: [{ g, w, style: segment.style }], width: w });
        } else {
          word.push({ g, w, style: segment.style });
          wordWidth += w;
        }
      }
    }
  }
  flushWord();
  flushSpace();
  return tokens;
}

function toSegments<S>(units: readonly Unit<S>[]): Segment<S>[] {
  const out: { text: string; style: S }[] = [];
  for (const unit of units) {
    const last = out.at(-1);
    if (last && last.style === unit.style) last.text += unit.g;
    else out.push({ text: unit.g, style: unit.style });
  }
  return out;
}

/** Total columns of a wrapped line. */
export function lineWidth<S>(line: readonly Segment<S>[]): number {
  let width = 0;
  for (const segment of line) width += displayWidth(segment.text);
  return width;
}
