import type { SearchHit } from 'aurora-protocol';
import { searchHit } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import {
  CLOSED,
  firstVisible,
  type SearchViewAction,
  type SearchViewState,
  searchViewReducer,
  selectedHit,
} from './use-search-view-state.js';

const hit = (seq: number, target = 'dev'): SearchHit => searchHit(seq, { target, from: 'alice' });
const page = (from: number, count: number) => Array.from({ length: count }, (_, i) => hit(from - i));
const run = (...actions: SearchViewAction[]) => actions.reduce(searchViewReducer, CLOSED);
const opened = (hits: SearchHit[], next?: number): SearchViewState =>
  run(
    { type: 'open', query: 'message' },
    { type: 'page', id: 1, hits, ...(next === undefined ? {} : { next }) },
  );

describe('searchViewReducer', () => {
  it('opens waiting for the first page, then shows it with the newest selected', () => {
    const open = run({ type: 'open', query: 'deploy' });
    expect(open).toMatchObject({ open: true, query: 'deploy', hits: [], loading: { id: 1 } });
    expect(open.loading?.before).toBeUndefined();
    const shown = searchViewReducer(open, { type: 'page', id: 1, hits: page(30, 3) });
    expect(shown.loading).toBeUndefined();
    expect(selectedHit(shown)?.seq).toBe(30);
  });

  it('moves the selection within the results, by rows and by pages', () => {
    const state = opened(page(100, 20));
    expect(searchViewReducer(state, { type: 'move', delta: -1 }).selected).toBe(0);
    const down = [1, 1, 1].reduce((s) => searchViewReducer(s, { type: 'move', delta: 1 }), state);
    expect(selectedHit(down)?.seq).toBe(97);
    expect(searchViewReducer(down, { type: 'move', delta: 8 }).selected).toBe(11);
    expect(searchViewReducer(down, { type: 'move', delta: 100 }).selected).toBe(19);
    expect(searchViewReducer(down, { type: 'move', delta: -100 }).selected).toBe(0);
  });

  it('asks for the next page once the last result is selected, with the cursor of the last page', () => {
    const state = opened(page(100, 3), 98);
    const atEnd = searchViewReducer(state, { type: 'move', delta: 2 });
    expect(atEnd.loading).toEqual({ id: 2, before: 98 });
    // Pressing Down again while it loads asks nothing more.
    expect(searchViewReducer(atEnd, { type: 'move', delta: 1 }).loading).toEqual({ id: 2, before: 98 });
    const more = searchViewReducer(atEnd, { type: 'page', id: 2, hits: page(97, 3) });
    expect(more.hits.map((h) => h.seq)).toEqual([100, 99, 98, 97, 96, 95]);
    expect(more.next).toBeUndefined();
    expect(searchViewReducer(more, { type: 'move', delta: 1 }).selected).toBe(3);
  });

  it('does not ask past the last page, nor again after a page that brought nothing new', () => {
    expect(searchViewReducer(opened(page(10, 2)), { type: 'move', delta: 1 }).loading).toBeUndefined();
    const state = searchViewReducer(opened(page(10, 2), 9), { type: 'move', delta: 1 });
    const repeated = searchViewReducer(state, { type: 'page', id: 2, hits: page(10, 2), next: 9 });
    expect(repeated.next).toBeUndefined();
    expect(repeated.loading).toBeUndefined();
  });

  it('keeps the server refusal, and drops answers to a search that was closed or replaced', () => {
    const failed = run(
      { type: 'open', query: 'colour:red' },
      { type: 'failed', id: 1, code: 'bad_query', message: 'unknown filter' },
    );
    expect(failed).toMatchObject({ open: true, failure: { message: 'unknown filter' }, loading: undefined });
    const replaced = run({ type: 'open', query: 'a' }, { type: 'open', query: 'b' });
    expect(searchViewReducer(replaced, { type: 'page', id: 1, hits: page(5, 1) }).hits).toEqual([]);
    const closed = run({ type: 'open', query: 'a' }, { type: 'close' });
    expect(searchViewReducer(closed, { type: 'page', id: 1, hits: page(5, 1) })).toBe(closed);
  });

  it('jumps to the selected result: the view closes and remembers where it went', () => {
    const state = searchViewReducer(opened([hit(120), hit(7, '@bob')]), { type: 'move', delta: 1 });
    const jumped = searchViewReducer(state, { type: 'jump', key: '@bob' });
    expect(jumped.open).toBe(false);
    expect(jumped.jump).toEqual({ key: '@bob', seq: 7, id: 2 });
    // Searching again keeps the mark of the last jump; Enter on a closed view does nothing.
    expect(searchViewReducer(jumped, { type: 'open', query: 'message' }).jump).toEqual(jumped.jump);
    expect(searchViewReducer(jumped, { type: 'jump', key: 'dev' })).toBe(jumped);
  });
});

describe('firstVisible', () => {
  it('keeps the selected row on screen, a little above the middle', () => {
    const state = opened(page(100, 40));
    expect(firstVisible(state, 10)).toBe(0);
    expect(firstVisible({ ...state, selected: 20 }, 10)).toBe(15);
    expect(firstVisible({ ...state, selected: 39 }, 10)).toBe(30);
    expect(firstVisible({ ...state, selected: 3 }, 50)).toBe(0);
  });
});
