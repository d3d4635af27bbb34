import { displayWidth, graphemes, graphemeWidth } from '../../core/wrap.js';

/** The rows of the input the screen shows, and where the cursor is among them. */
export interface InputLayout {
  /** At most `maxRows` rows around the cursor, top to bottom. */
  readonly rows: readonly string[];
  /** Which of `rows` holds the cursor. */
  readonly cursorRow: number;
  /** Columns before the cursor in its row. */
  readonly cursorX: number;
}

/** One line of the input (between line breaks) broken into rows. */
interface LineRows {
  readonly count: number;
  row(index: number): string;
  /** The row and column of an offset into the line (at a row's end, it stays on that row). */
  locate(offset: number): { row: number; x: number };
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Breaks one line into rows of at most `max` columns, at any grapheme. Plain ASCII, as most pasted
 * text is, needs no segmenting: its rows are cut by arithmetic, however long the line.
 */
function lineRows(line: string, max: number): LineRows {
  if (PRINTABLE_ASCII.test(line)) {
    return {
      count: Math.max(1, Math.ceil(line.length / max)),
      row: (index) => line.slice(index * max, (index + 1) * max),
      locate: (offset) => {
        const row = offset === 0 ? 0 : Math.floor((offset - 1) / max);
        return { row, x: offset - row * max };
      },
    };
  }
  const starts = [0];
  let used = 0;
  let offset = 0;
  for (const g of graphemes(line)) {
    const w = graphemeWidth(g);
    if (used > 0 && used + w > max) {
      starts.push(offset);
      used = 0;
    }
    used += w;
    offset += g.length;
  }
  return {
    count: starts.length,
    row: (index) => line.slice(starts[index], starts[index + 1] ?? line.length),
    locate: (at) => {
      let row = 0;
      while (row + 1 < starts.length && starts[row + 1]! < at) row++;
      return { row, x: displayWidth(line.slice(starts[row], at)) };
    },
  };
}

/**
 * Breaks the input into rows of at most `width - 1` columns (one column stays free for the cursor at
 * the end of a full row), at any grapheme: an input is edited, not read, so words may split. Only the
 * rows shown are laid out: up to `maxRows`, ending on the cursor's row (or starting at the top when
 * the cursor is in the first rows). So the work is the cursor's line and its neighbours, never the
 * whole text: a 100 KB paste is laid out on every key press as cheaply as a word.
 */
export function layoutInput(value: string, cursor: number, width: number, maxRows: number): InputLayout {
  const max = Math.max(1, width - 1);
  const start = cursor === 0 ? 0 : value.lastIndexOf('\n', cursor - 1) + 1;
  const newline = value.indexOf('\n', cursor);
  const end = newline === -1 ? value.length : newline;
  const here = lineRows(value.slice(start, end), max);
  const at = here.locate(cursor - start);

  const above: string[] = [];
  for (let row = at.row - 1; row >= 0 && above.length < maxRows - 1; row--) above.push(here.row(row));
  for (let lineStart = start; lineStart > 0 && above.length < maxRows - 1; ) {
    const previousStart = lineStart === 1 ? 0 : value.lastIndexOf('\n', lineStart - 2) + 1;
    const previous = lineRows(value.slice(previousStart, lineStart - 1), max);
    for (let row = previous.count - 1; row >= 0 && above.length < maxRows - 1; row--)
      above.push(previous.row(row));
    lineStart = previousStart;
  }

  const rows = [...above.reverse(), here.row(at.row)];
  for (let row = at.row + 1; row < here.count && rows.length < maxRows; row++) rows.push(here.row(row));
  for (let lineEnd = end; lineEnd < value.length && rows.length < maxRows; ) {
    const found = value.indexOf('\n', lineEnd + 1);
    const nextEnd = found === -1 ? value.length : found;
    const next = lineRows(value.slice(lineEnd + 1, nextEnd), max);
    for (let row = 0; row < next.count && rows.length < maxRows; row++) rows.push(next.row(row));
    lineEnd = nextEnd;
  }
  return { rows, cursorRow: above.length, cursorX: at.x };
}

/** The bullet a masked input shows for each character typed. */
export const MASK = '•';

/**
 * A password as the input shows it: one bullet per character (grapheme), the cursor on the same
 * character. Only the count of characters ever reaches the screen.
 */
export function maskInput(value: string, cursor: number): { value: string; cursor: number } {
  return {
    value: MASK.repeat(graphemes(value).length),
    cursor: graphemes(value.slice(0, cursor)).length * MASK.length,
  };
}
