import { describe, expect, it } from 'vitest';
import { layoutInput } from './input-layout.js';

const rows = (value: string, cursor: number, width: number, maxRows = 100) => {
  const layout = layoutInput(value, cursor, width, maxRows);
  return { rows: layout.rows, at: [layout.cursorRow, layout.cursorX] };
};

describe('layoutInput', () => {
  it('keeps short input on one row with the cursor at the end', () => {
    expect(rows('hello', 5, 20)).toEqual({ rows: ['hello'], at: [0, 5] });
    expect(rows('', 0, 20)).toEqual({ rows: [''], at: [0, 0] });
  });

  it('wraps long input, leaving a column for the cursor', () => {
    expect(rows('abcdefgh', 8, 5)).toEqual({ rows: ['abcd', 'efgh'], at: [1, 4] });
    expect(rows('abcdefgh', 2, 5)).toEqual({ rows: ['abcd', 'efgh'], at: [0, 2] });
    expect(rows('abcdefgh', 4, 5)).toEqual({ rows: ['abcd', 'efgh'], at: [0, 4] });
  });

  it('starts a row at each newline', () => {
    expect(rows('one\ntwo', 4, 20)).toEqual({ rows: ['one', 'two'], at: [1, 0] });
    expect(rows('one\n', 4, 20)).toEqual({ rows: ['one', ''], at: [1, 0] });
    expect(rows('\none', 0, 20)).toEqual({ rows: ['', 'one'], at: [0, 0] });
    expect(rows('\n\none', 1, 20)).toEqual({ rows: ['', '', 'one'], at: [1, 0] });
  });

  it('counts wide characters as two columns and never splits an emoji', () => {
    expect(rows('日本語👍🏽', 7, 6)).toEqual({ rows: ['日本', '語👍🏽'], at: [1, 4] });
    expect(rows('日本語👍🏽', 2, 6)).toEqual({ rows: ['日本', '語👍🏽'], at: [0, 4] });
  });

  it('shows the rows that end on the cursor, or the first ones when the cursor is near the top', () => {
    const text = ['l1', 'l2', 'l3 is long', 'l4', 'l5', 'l6'].join('\n');
    // Width 6 gives rows of 5 columns: "l3 is long" takes two.
    expect(rows(text, text.length, 6, 3)).toEqual({ rows: ['l4', 'l5', 'l6'], at: [2, 2] });
    expect(rows(text, text.indexOf('long') + 4, 6, 3)).toEqual({
      rows: ['l2', 'l3 is', ' long'],
      at: [2, 5],
    });
    expect(rows(text, 1, 6, 3)).toEqual({ rows: ['l1', 'l2', 'l3 is'], at: [0, 1] });
    expect(rows('日本語👍🏽\nx', 9, 6, 2)).toEqual({ rows: ['語👍🏽', 'x'], at: [1, 1] });
  });
});
