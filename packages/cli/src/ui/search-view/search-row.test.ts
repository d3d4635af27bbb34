import type { SearchHit } from 'aurora-protocol';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { createTheme } from '../../core/theme.js';
import { displayWidth } from '../../core/wrap.js';
import { rowStamp, searchRow } from './search-row.js';
import { searchViewLines } from './search-view-lines.js';
import { CLOSED, searchViewReducer } from './use-search-view-state.js';

const ts = new Date(2026, 2, 3, 12, 4, 5).getTime();
const now = new Date(2026, 11, 6, 2, 0, 0).getTime();
const hit = (over: Partial<SearchHit> = {}): SearchHit => ({
  target: 'dev',
  seq: 7,
  id: 'm7',
  kind: 'chat',
  from: 'alice',
  ts,
  snippet: [{ text: 'the ' }, { text: 'zanzibar', match: true }, { text: ' plan' }],
  ...over,
});
const plain = (parts: ReturnType<typeof searchRow>) => parts.map((p) => p.text).join('');
const strip = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

describe('searchRow', () => {
  it('reads time #room <sender> snippet, with the matches marked', () => {
    const parts = searchRow(hit(), 80, now);
    expect(plain(parts)).toBe(`${rowStamp(ts, now)} #dev <alice> the zanzibar plan`);
    expect(rowStamp(ts, now)).toBe('03-03 12:04');
    // A year back shows its year instead of the time, in as many columns.
    expect(rowStamp(new Date(2025, 11, 24, 9, 0).getTime(), now)).toBe('2025-12-24');
    expect(parts.filter((p) => p.kind === 'match').map((p) => p.text)).toEqual(['zanzibar']);
    expect(plain(searchRow(hit({ kind: 'action', target: '@bob' }), 80, now))).toBe(
      '03-03 12:04 @bob * alice the zanzibar plan',
    );
  });

  it('sanitizes every remote string', () => {
    const row = plain(
      searchRow(
        hit({ target: 'dev', from: 'eve\u202e', snippet: [{ text: 'a\x1b[2Jb\nc', match: true }] }),
        80,
        now,
      ),
    );
    expect(row).toBe('03-03 12:04 #dev <eve> ab c');
    expect(row).not.toMatch(/[\x1b\u202e\n]/);
  });

  it('fits the width without splitting a wide character', () => {
    const wide = hit({
      snippet: [{ text: '会議は' }, { text: '明日', match: true }, { text: 'の十時から始まります' }],
    });
    for (let width = 20; width <= 44; width++) {
      const row = plain(searchRow(wide, width, now));
      expect(displayWidth(row)).toBeLessThanOrEqual(width);
      expect(row).not.toContain('\ufffd');
    }
    expect(plain(searchRow(wide, 30, now))).toBe('03-03 12:04 #dev <alice> 会議…');
  });
});

describe('searchViewLines', () => {
  const theme = createTheme({ chalk: new Chalk({ level: 1 }), colour: false });
  const open = searchViewReducer(CLOSED, { type: 'open', query: 'zanzibar' });

  it('fills the height: heading, results, keys; the match bold even without colour', () => {
    const state = searchViewReducer(open, { type: 'page', id: 1, hits: [hit(), hit({ id: 'm8', seq: 8 })] });
    const lines = searchViewLines(state, 60, 8, theme, now);
    expect(lines).toHaveLength(8);
    expect(strip(lines[0]!)).toBe('Search: zanzibar — 2 results');
    expect(lines[1]).toContain('\x1b[1mzanzibar\x1b[22m');
    expect(lines[1]).toContain('\x1b[7m');
    expect(lines[2]).not.toContain('\x1b[7m');
    expect(strip(lines[7]!)).toContain('Esc close');
    for (const line of lines) expect(displayWidth(strip(line))).toBeLessThanOrEqual(60);
  });

  it('says when it searches, when nothing matched, and what the server refused', () => {
    expect(strip(searchViewLines(open, 60, 5, theme, now)[1]!)).toBe('Searching…');
    const none = searchViewReducer(open, { type: 'page', id: 1, hits: [] });
    expect(strip(searchViewLines(none, 60, 5, theme, now)[1]!)).toBe('No messages match zanzibar.');
    const bad = searchViewReducer(open, {
      type: 'failed',
      id: 1,
      code: 'bad_query',
      message: 'unknown filter "colour:"',
    });
    expect(strip(searchViewLines(bad, 60, 5, theme, now)[1]!)).toBe('unknown filter "colour:"');
  });
});
