import { graphemes, graphemeWidth } from '../../core/wrap.js';

/** The input text broken into screen rows, and where the cursor is among them. */
export interface InputLayout {
  /** Each row as graphemes, so the view can draw the cursor cell. */
  readonly rows: readonly (readonly string[])[];
  readonly cursorRow: number;
  /** Index of the grapheme under the cursor in its row (the row's length when at its end). */
  readonly cursorColumn: number;
}

/**
 * Breaks the input into rows of at most `width - 1` columns (one column stays free for the cursor at
 * the end of a full row), at any grapheme: an input is edited, not read, so words may split.
 */
export function layoutInput(value: string, cursor: number, width: number): InputLayout {
  const max = Math.max(1, width - 1);
  const rows: string[][] = [[]];
  let used = 0;
  let offset = 0;
  let cursorRow = 0;
  let cursorColumn = 0;
  let placed = false;
  for (const g of graphemes(value)) {
    if (!placed && offset >= cursor) {
      cursorRow = rows.length - 1;
      cursorColumn = rows.at(-1)!.length;
      placed = true;
    }
    offset += g.length;
    if (g === '\n') {
      rows.push([]);
      used = 0;
      continue;
    }
    const w = graphemeWidth(g);
    if (used + w > max) {
      rows.push([]);
      used = 0;
    }
    rows.at(-1)!.push(g);
    used += w;
  }
  if (!placed) {
    cursorRow = rows.length - 1;
    cursorColumn = rows.at(-1)!.length;
  }
  return { rows, cursorRow, cursorColumn };
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
