import stringWidth from 'string-width';

/** A run of text drawn in one style. Styles are compared by identity when runs are merged. */
export interface Segment<S> {
  readonly text: string;
  readonly style: S;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const widthCache = new Map<string, number>();
/**
 * Code units handed to the segmenter at once. V8's `Intl.Segmenter` takes time quadratic in the
 * length of the string it walks (100 KB took 7 s), so long text is segmented in pieces.
 */
const PIECE = 256;

/**
 * Characters no rule of UAX #29 joins to a neighbour of the same kind: printable ASCII and Latin-1
 * letters, kana, CJK ideographs and punctuation, full-width forms (no marks, no Hangul jamo).
 */
function isPlain(code: number): boolean {
  if (code < 0x7f) return code >= 0x20;
  if (code < 0x3000) return code >= 0xa1 && code <= 0xff && code !== 0xad;
  return (
    code <= 0x3029 ||
    (code >= 0x3041 && code <= 0x3096) ||
    (code >= 0x30a1 && code <= 0x30fa) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xff01 && code <= 0xff5e)
  );
}

/**
 * Whether index `at` of `text` is a grapheme boundary whatever surrounds it: after a line feed,
 * before one that no carriage return precedes, or between two plain characters. Text can be cut
 * there and segmented in parts.
 */
export function isSureBoundary(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return before === 0x0a || (after === 0x0a && before !== 0x0d) || (isPlain(before) && isPlain(after));
}

/** The user-perceived characters of a string (grapheme clusters): `👩‍💻`, `é` and `🇫🇷` are one each. */
export function graphemes(text: string): string[] {
  if (PRINTABLE_ASCII.test(text)) return text.split('');
  const out: string[] = [];
  let start = 0;
  for (let at = 1; at <= text.length; at++) {
    if (at < text.length && !isSureBoundary(text, at)) continue;
    if (at - start === 1) out.push(text[start]!);
    else segmentRun(text.slice(start, at), out);
    start = at;
  }
  return out;
}

/**
 * Segments a run of text into `out`, piece by piece. A boundary the segmenter finds before a
 * piece's last cluster is a boundary of the whole run too (the rules look one character ahead, and
 * each piece starts on a boundary), but the last cluster may go on past the cut: it starts the next
 * piece instead.
 */
function segmentRun(run: string, out: string[]): void {
  let start = 0;
  let size = PIECE;
  while (start < run.length) {
    let end = start + size;
    // Never half a surrogate pair: the segmenter must see the character after each boundary whole.
    if (end < run.length && (run.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++;
    const found = Array.from(segmenter.segment(run.slice(start, end)), (s) => s.segment);
    if (end >= run.length) {
      out.push(...found);
      return;
    }
    if (found.length < 2) {
      // One cluster longer than the piece (a tower of combining marks): look further.
      size *= 2;
      continue;
    }
    found.pop();
    for (const g of found) {
      out.push(g);
      start += g.length;
    }
    size = PIECE;
  }
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

/**
 * Cuts `text` into rows of at most `width` columns, the first `first` columns wide: every character
 * stays on screen, so two long names that differ only at the end never look the same, as cut ones do.
 */
export function foldText(text: string, width: number, first = width): string[] {
  const rows: string[] = [];
  let row = '';
  let used = 0;
  for (const g of graphemes(text)) {
    const w = graphemeWidth(g);
    const limit = Math.max(1, rows.length === 0 ? first : width);
    if (used + w > limit && row !== '') {
      rows.push(row);
      row = '';
      used = 0;
    }
    row += g;
    used += w;
  }
  rows.push(row);
  return rows;
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
