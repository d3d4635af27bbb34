import type { SearchHit } from 'aurora-protocol';
import { useReducer } from 'react';

/** A search page being asked for: `id` tells its answer from one to an older search. */
export interface PageRequest {
  readonly id: number;
  /** The previous page's `next`; absent for the first page. */
  readonly before?: number;
}

/** The message a jump went to, marked briefly once it is on screen. */
export interface JumpTarget {
  /** The target's key in the chat state (`dev`, `@bob`). */
  readonly key: string;
  readonly seq: number;
  /** Tells two jumps to the same message apart, so the second marks it again. */
  readonly id: number;
}

/** The search view: its query, the results so far, the selected row, and the page it waits for. */
export interface SearchViewState {
  readonly open: boolean;
  readonly query: string;
  readonly hits: readonly SearchHit[];
  readonly selected: number;
  /** The cursor of the next page; undefined once the last page came. */
  readonly next: number | undefined;
  readonly loading: PageRequest | undefined;
  /** Why the search failed (the server's `bad_query` sentence), already sanitized by the view. */
  readonly error: string | undefined;
  readonly jump: JumpTarget | undefined;
  /** Requests and jumps made so far, for their ids. */
  readonly made: number;
}

/** What the search view does. */
export type SearchViewAction =
  | { readonly type: 'open'; readonly query: string }
  | {
      readonly type: 'page';
      readonly id: number;
      readonly hits: readonly SearchHit[];
      readonly next?: number;
    }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
  | { readonly type: 'move'; readonly delta: number }
  /** Enter: close the view and go to the selected result. */
  | { readonly type: 'jump'; readonly key: string }
  | { readonly type: 'close' };

/** The closed view, before any search. */
export const CLOSED: SearchViewState = {
  open: false,
  query: '',
  hits: [],
  selected: 0,
  next: undefined,
  loading: undefined,
  error: undefined,
  jump: undefined,
  made: 0,
};

/** The pure reducer of the search view. */
export function searchViewReducer(state: SearchViewState, action: SearchViewAction): SearchViewState {
  switch (action.type) {
    case 'open':
      return {
        ...CLOSED,
        open: true,
        query: action.query,
        loading: { id: state.made + 1 },
        jump: state.jump,
        made: state.made + 1,
      };
    case 'page': {
      if (action.id !== state.loading?.id) return state;
      const known = new Set(state.hits.map((hit) => hit.id));
      const hits = [...state.hits, ...action.hits.filter((hit) => !known.has(hit.id))];
      // A page that brought nothing new ends the list, whatever its cursor says.
      const next = hits.length > state.hits.length ? action.next : undefined;
      return moreIfAtEnd({ ...state, hits, next, loading: undefined });
    }
    case 'failed':
      return action.id === state.loading?.id
        ? { ...state, loading: undefined, error: action.message }
        : state;
    case 'move': {
      if (!state.open || state.hits.length === 0) return state;
      const selected = Math.max(0, Math.min(state.hits.length - 1, state.selected + action.delta));
      return moreIfAtEnd({ ...state, selected });
    }
    case 'jump': {
      const hit = state.hits[state.selected];
      if (!state.open || !hit) return state;
      return {
        ...state,
        open: false,
        loading: undefined,
        jump: { key: action.key, seq: hit.seq, id: state.made + 1 },
        made: state.made + 1,
      };
    }
    case 'close':
      return { ...state, open: false, loading: undefined };
  }
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

/** Selecting the last result asks for the next page, once, unless the last one failed. */
function moreIfAtEnd(state: SearchViewState): SearchViewState {
  const atEnd = state.selected >= state.hits.length - 1;
  if (!atEnd || state.next === undefined || state.loading || state.error !== undefined) return state;
  return { ...state, loading: { id: state.made + 1, before: state.next }, made: state.made + 1 };
}

/** The search view's reducer as a hook. */
export function useSearchViewState() {
  return useReducer(searchViewReducer, CLOSED);
}
