import { describe, expect, it } from 'vitest';
import { layoutInput } from './input-layout.js';

const rows = (value: string, cursor: number, width: number) => {
  const layout = layoutInput(value, cursor, width);
  return { rows: layout.rows.map((r) => r.join('')), at: [layout.cursorRow, layout.cursorColumn] };
};

describe('layoutInput', () => {
  it('keeps short input on one row with the cursor at the end', () => {
    expect(rows('hello', 5, 20)).toEqual({ rows: ['hello'], at: [0, 5] });
  });

  it('wraps long input, leaving a column for the cursor', () => {
    expect(rows('abcdefgh', 8, 5)).toEqual({ rows: ['abcd', 'efgh'], at: [1, 4] });
    expect(rows('abcdefgh', 2, 5)).toEqual({ rows: ['abcd', 'efgh'], at: [0, 2] });
  });

  it('starts a row at each newline', () => {
    expect(rows('one\ntwo', 4, 20)).toEqual({ rows: ['one', 'two'], at: [1, 0] });
    expect(rows('one\n', 4, 20)).toEqual({ rows: ['one', ''], at: [1, 0] });
  });

  it('counts wide characters as two columns and never splits an emoji', () => {
    expect(rows('日本語👍🏽', 7, 6)).toEqual({ rows: ['日本', '語👍🏽'], at: [1, 2] });
  });
});
