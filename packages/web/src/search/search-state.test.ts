import type { SearchHit } from 'aurora-protocol';
import { searchHit } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import {
  CLOSED,
  failureText,
  type SearchAction,
  type SearchState,
  searchReducer,
  statusText,
} from './search-state.js';

const hit = (seq: number, target = 'dev'): SearchHit => searchHit(seq, { target });
const run = (state: SearchState, ...actions: SearchAction[]) => actions.reduce(searchReducer, state);
const searched = (query = 'deploy') => run(CLOSED, { type: 'open' }, { type: 'search', query });

// Paging, failures and retries are aurora-client's searchResultsReducer, tested there.
describe('searchReducer', () => {
  it('opens, and asks for the first page of a query', () => {
    const state = searched(' deploy* ');
    expect(state).toMatchObject({ open: true, query: 'deploy*', loading: { id: 1 } });
    expect(state.loading?.before).toBeUndefined();
    expect(statusText(state)).toBe('Searching…');
  });

  it('asks for nothing when the query is blank', () => {
    const state = run(CLOSED, { type: 'search', query: '   ' });
    expect(state.loading).toBeUndefined();
    expect(statusText(state)).toBe('');
  });

  it("shows the server's refusal, and says when nothing matched", () => {
    const refused = run(searched('color:red'), {
      type: 'failed',
      id: 1,
      code: 'bad_query',
      message: 'unknown filter "color:"',
    });
    expect(refused.failure).toEqual({ code: 'bad_query', message: 'unknown filter "color:"' });
    expect(failureText(refused.failure!)).toBe('Cannot search: unknown filter "color:"');
    expect(statusText(refused)).toBe('');
    const none = run(searched('zebra'), { type: 'page', id: 1, hits: [] });
    expect(statusText(none)).toBe('No messages match zebra.');
    expect(failureText({ code: 'disconnected', message: 'not connected' })).toMatch(/^Not connected/);
  });

  it('counts the results so far, with + while more may come', () => {
    const state = run(searched(), { type: 'page', id: 1, hits: [hit(9), hit(8)], next: 8 });
    expect(statusText(state)).toBe('2+ results, newest first');
    expect(
      statusText(run(state, { type: 'select', index: 1 }, { type: 'page', id: 2, hits: [hit(7)] })),
    ).toBe('3 results, newest first');
  });

  it('keeps the results when closed and opened again', () => {
    const found = run(searched(), { type: 'page', id: 1, hits: [hit(3)] });
    const reopened = run(found, { type: 'close' }, { type: 'open' });
    expect(reopened).toMatchObject({ open: true, query: 'deploy', hits: found.hits });
  });
});
