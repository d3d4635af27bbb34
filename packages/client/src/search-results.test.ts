import type { SearchHit } from 'aurora-protocol';
import { searchHit } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import {
  NO_RESULTS,
  type SearchResults,
  type SearchResultsAction,
  searchResultsReducer,
} from './search-results.js';

const hit = (seq: number): SearchHit => searchHit(seq, { id: `m${seq}` });
const run = (state: SearchResults, ...actions: SearchResultsAction[]) =>
  actions.reduce(searchResultsReducer, state);
const searched = (query = 'deploy') => run(NO_RESULTS, { type: 'search', query });

describe('searchResultsReducer', () => {
  it('asks for the first page of a trimmed query, and for nothing when it is blank', () => {
    expect(searched(' deploy* ')).toMatchObject({ query: 'deploy*', loading: { id: 1 } });
    expect(searched('   ').loading).toBeUndefined();
  });

  it('keeps the fields a view adds, such as whether it is open', () => {
    const view = { ...NO_RESULTS, open: true, hits: [hit(1)] };
    expect(searchResultsReducer(view, { type: 'search', query: 'x' })).toMatchObject({
      open: true,
      hits: [],
    });
  });

  it('takes the answer to the page it waits for, and ignores one to an older search', () => {
    let state = run(searched('old'), { type: 'search', query: 'new' });
    expect(run(state, { type: 'page', id: 1, hits: [hit(1)] })).toBe(state);
    state = run(state, { type: 'page', id: 2, hits: [hit(9), hit(8)], next: 8 });
    expect(state).toMatchObject({ hits: [{ seq: 9 }, { seq: 8 }], next: 8, loading: undefined });
  });

  it('pages on from the last cursor when the last result is selected, once, de-duplicating by id', () => {
    let state = run(searched(), { type: 'page', id: 1, hits: [hit(9), hit(8), hit(7)], next: 7 });
    state = run(state, { type: 'select', index: 1 });
    expect(state.loading).toBeUndefined();
    state = run(state, { type: 'select', index: 5 });
    expect(state.selected).toBe(2);
    expect(state.loading).toEqual({ id: 2, before: 7 });
    expect(run(state, { type: 'more' })).toBe(state);
    state = run(state, { type: 'page', id: 2, hits: [hit(7), hit(6)] });
    expect(state.hits.map((h) => h.seq)).toEqual([9, 8, 7, 6]);
    expect(state.next).toBeUndefined();
  });

  it('goes on past an empty page that still has a next, as a store with a bounded scan sends', () => {
    let state = run(searched(), { type: 'page', id: 1, hits: [], next: 500 });
    expect(state.loading).toEqual({ id: 2, before: 500 });
    state = run(state, { type: 'page', id: 2, hits: [hit(300)], next: 300 });
    expect(state.hits.map((h) => h.seq)).toEqual([300]);
    // The one result is selected and last: the next page comes too.
    expect(state.loading).toEqual({ id: 3, before: 300 });
  });

  it('ends the results at a next that does not move back from the page asked for', () => {
    let state = run(searched(), { type: 'page', id: 1, hits: [hit(9)], next: 9 });
    expect(state.loading).toEqual({ id: 2, before: 9 });
    state = run(state, { type: 'page', id: 2, hits: [], next: 9 });
    expect(state).toMatchObject({ next: undefined, loading: undefined });
  });

  it('keeps a failure until the person asks again', () => {
    let state = run(searched(), { type: 'page', id: 1, hits: [hit(9), hit(8)], next: 8 });
    state = run(
      state,
      { type: 'select', index: 1 },
      { type: 'failed', id: 2, code: 'rate_limited', message: 'slow' },
    );
    expect(state).toMatchObject({ loading: undefined, failure: { code: 'rate_limited' } });
    expect(run(state, { type: 'more' })).toBe(state);
    expect(run(state, { type: 'more', retry: true })).toMatchObject({
      failure: undefined,
      loading: { before: 8 },
    });
  });
});
