import type { SearchHit } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { BOLD_MARKS, NO_MARKS, searchJson, searchText } from './search-format.js';

const hit = (extra: Partial<SearchHit> = {}): SearchHit => ({
  target: 'dev',
  seq: 7,
  id: 'm_7',
  kind: 'chat',
  from: 'alice',
  ts: Date.UTC(2026, 2, 3, 12, 4, 5),
  snippet: [{ text: 'ship the ' }, { text: 'release', match: true }, { text: ' today' }],
  ...extra,
});

describe('searchText', () => {
  it('shows where, who and the snippet, with the matches marked as asked', () => {
    expect(searchText(hit(), NO_MARKS)).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d #dev <alice> ship the release today$/,
    );
    expect(searchText(hit({ target: '@bob', account: true }), BOLD_MARKS)).toMatch(
      /@bob <alice✓> ship the \x1b\[1mrelease\x1b\[22m today$/,
    );
  });

  it('writes no escape sequence or control character that came from the server', () => {
    const hostile = hit({
      target: 'dev\x1b]52;c;bad\x07',
      from: 'eve\x1b[2J',
      snippet: [{ text: 'a\x1b[31mred\u202e\nline' }, { text: '\x1b[5mx', match: true }],
    });
    const line = searchText(hostile, BOLD_MARKS)
      .replaceAll(BOLD_MARKS.open, '')
      .replaceAll(BOLD_MARKS.close, '');
    expect(line).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202e]/);
  });
});

describe('searchJson', () => {
  it('has the fields scripts rely on, escaped like tail --json', () => {
    const text = 'a\x1b[31mb\u202ec';
    const line = searchJson(hit({ snippet: [{ text }, { text: 'release', match: true }] }));
    expect(line).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202e]/);
    expect(JSON.parse(line)).toEqual({
      type: 'result',
      target: 'dev',
      kind: 'chat',
      from: 'alice',
      ts: '2026-03-03T12:04:05.000Z',
      id: 'm_7',
      seq: 7,
      snippet: `${text}release`,
      parts: [{ text }, { text: 'release', match: true }],
    });
  });
});
