import type { SearchHit } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import {
  CLOSED,
  failureText,
  type SearchAction,
  type SearchState,
  searchReducer,
  statusText,
} from './search-state.js';

const hit = (seq: number, target = 'dev'): SearchHit => ({
  target,
  seq,
  id: `m${target}${seq}`,
  kind: 'chat',
  from: 'bob',
  ts: 1_700_000_000_000 + seq,
  snippet: [{ text: `message ${seq}` }],
});
const run = (state: SearchState, ...actions: SearchAction[]) => actions.reduce(searchReducer, state);
const searched = (query = 'deploy') => run(CLOSED, { type: 'open' }, { type: 'search', query });

describe('searchReducer', () => {
  it('opens, and asks for the first page of a query', () => {
    const state = searched(' deploy* ');
    expect(state).toMatchObject({ open: true, query: 'deploy*', loading: { id: 1, query: 'deploy*' } });
    expect(state.loading?.before).toBeUndefined();
    expect(statusText(state)).toBe('Searching…');
  });

  it('asks for nothing when the query is blank', () => {
    const state = run(CLOSED, { type: 'search', query: '   ' });
    expect(state.loading).toBeUndefined();
    expect(statusText(state)).toBe('');
  });

  it('takes the answer to the page it waits for, and ignores one to an older search', () => {
    let state = searched('old');
    state = run(state, { type: 'search', query: 'new' });
    const stale = run(state, { type: 'page', id: 1, hits: [hit(1)] });
    expect(stale).toBe(state);
    state = run(state, { type: 'page', id: 2, hits: [hit(9), hit(8)], next: 8 });
    expect(state.hits.map((h) => h.seq)).toEqual([9, 8]);
    expect(state).toMatchObject({ loading: undefined, next: 8 });
    expect(statusText(state)).toBe('2+ results, newest first');
  });

  it('pages on from the last cursor when the last result is reached, once', () => {
    let state = run(searched(), { type: 'page', id: 1, hits: [hit(9), hit(8), hit(7)], next: 7 });
    state = run(state, { type: 'select', index: 1 });
    expect(state.loading).toBeUndefined();
    state = run(state, { type: 'select', index: 5 });
    expect(state.selected).toBe(2);
    expect(state.loading).toEqual({ id: 2, query: 'deploy', before: 7 });
    expect(run(state, { type: 'more' })).toBe(state);
    state = run(state, { type: 'page', id: 2, hits: [hit(6), hit(7)] });
    // De-duplicated by id, and without a cursor the list is complete.
    expect(state.hits.map((h) => h.seq)).toEqual([9, 8, 7, 6]);
    expect(state.next).toBeUndefined();
    expect(statusText(state)).toBe('4 results, newest first');
    expect(run(state, { type: 'more' })).toBe(state);
  });

  it('ends the list when a page brings nothing new, whatever its cursor', () => {
    let state = run(searched(), { type: 'page', id: 1, hits: [hit(9)], next: 9 }, { type: 'more' });
    state = run(state, { type: 'page', id: 2, hits: [hit(9)], next: 9 });
    expect(state.next).toBeUndefined();
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

  it('retries a failed page only when asked again', () => {
    let state = run(searched(), { type: 'page', id: 1, hits: [hit(9)], next: 9 }, { type: 'more' });
    state = run(state, { type: 'failed', id: 2, code: 'rate_limited', message: 'too many messages' });
    expect(run(state, { type: 'select', index: 0 }, { type: 'more' }).loading).toBeUndefined();
    state = run(state, { type: 'more', retry: true });
    expect(state).toMatchObject({ failure: undefined, loading: { id: 3, before: 9 } });
  });

  it('keeps the results when closed and opened again', () => {
    const found = run(searched(), { type: 'page', id: 1, hits: [hit(3)] });
    const reopened = run(found, { type: 'close' }, { type: 'open' });
    expect(reopened).toMatchObject({ open: true, query: 'deploy', hits: found.hits });
  });
});
