import {
  NO_RESULTS,
  type SearchResults,
  type SearchResultsAction,
  searchResultsReducer,
} from 'aurora-client';
import type { SearchHit } from 'aurora-protocol';
import { useReducer } from 'react';

/** The message a jump went to, marked briefly once it is on screen. */
export interface JumpTarget {
  /** The target's key in the chat state (`dev`, `@bob`). */
  readonly key: string;
  readonly seq: number;
  /** Tells two jumps to the same message apart, so the second marks it again. */
  readonly id: number;
}

/** The search view: whether it shows, its results (aurora-client's, as the browser's) and the last jump. */
export interface SearchViewState extends SearchResults {
  readonly open: boolean;
  readonly jump: JumpTarget | undefined;
}

/** What the search view does. */
export type SearchViewAction =
  | { readonly type: 'open'; readonly query: string }
  | Extract<SearchResultsAction, { type: 'page' | 'failed' }>
  | { readonly type: 'move'; readonly delta: number }
  /** Enter: close the view and go to the selected result. */
  | { readonly type: 'jump'; readonly key: string }
  /** `/goto N`: go to a message named by its number, the view closed or not. */
  | { readonly type: 'goto'; readonly key: string; readonly seq: number }
  | { readonly type: 'close' };

/** The closed view, before any search. */
export const CLOSED: SearchViewState = { ...NO_RESULTS, open: false, jump: undefined };

/** The pure reducer of the search view. */
export function searchViewReducer(state: SearchViewState, action: SearchViewAction): SearchViewState {
  switch (action.type) {
    case 'open':
      return { ...searchResultsReducer(state, { type: 'search', query: action.query }), open: true };
    case 'page':
    case 'failed':
      return searchResultsReducer(state, action);
    case 'move':
      if (!state.open) return state;
      return searchResultsReducer(state, { type: 'select', index: state.selected + action.delta });
    case 'jump': {
      const hit = state.hits[state.selected];
      return state.open && hit ? jumpTo(state, action.key, hit.seq) : state;
    }
    case 'goto':
      return jumpTo(state, action.key, action.seq);
    case 'close':
      return { ...state, open: false, loading: undefined };
  }
}

/** Closes the view and goes to message `seq` of the target `key`. */
function jumpTo(state: SearchViewState, key: string, seq: number): SearchViewState {
  const jump = { key, seq, id: state.made + 1 };
  return { ...state, open: false, loading: undefined, jump, made: state.made + 1 };
}

/** The selected result, if any. */
export function selectedHit(state: SearchViewState): SearchHit | undefined {
  return state.open ? state.hits[state.selected] : undefined;
}

/** The first row to draw so the selected one is on screen, a little above the middle when it can be. */
export function firstVisible(state: SearchViewState, rows: number): number {
  const count = state.hits.length;
  if (count <= rows) return 0;
  return Math.max(0, Math.min(state.selected - Math.floor(rows / 2), count - rows));
}

/** The search view's reducer as a hook. */
export function useSearchViewState() {
  return useReducer(searchViewReducer, CLOSED);
}
