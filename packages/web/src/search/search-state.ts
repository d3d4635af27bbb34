import type { SearchHit } from 'aurora-protocol';

// Part of the search chunk, loaded on first use: it imports nothing at run time that the page's
// main bundle has (see index.ts).

/** A page of results being asked for; `id` tells its answer from one to an older search. */
export interface PageRequest {
  readonly id: number;
  readonly query: string;
  /** The previous page's `next`; absent for the first page. */
  readonly before?: number;
}

/** Why a search failed: the server's error code (`bad_query`...) or `disconnected`, and its message. */
export interface SearchFailure {
  readonly code: string;
  readonly message: string;
}

/** The search panel: whether it shows, the query searched, the results so far and the one selected. */
export interface SearchState {
  readonly open: boolean;
  /** The query the results are for ('' before any search). */
  readonly query: string;
  readonly hits: readonly SearchHit[];
  /** The result that keys move from and that Tab comes back to. */
  readonly selected: number;
  /** The cursor of the next page; undefined once the last page came. */
  readonly next: number | undefined;
  readonly loading: PageRequest | undefined;
  readonly failure: SearchFailure | undefined;
  /** Requests made so far, for their ids. */
  readonly made: number;
}

/** What the search panel does. */
export type SearchAction =
  /** Shows the panel, with the results of the last search if there was one. */
  | { readonly type: 'open' }
  /** Searches for `query` from its newest match (the form, `/search QUERY`). */
  | { readonly type: 'search'; readonly query: string }
  | {
      readonly type: 'page';
      readonly id: number;
      readonly hits: readonly SearchHit[];
      readonly next?: number;
    }
  | ({ readonly type: 'failed'; readonly id: number } & SearchFailure)
  /** Selects result `index` (kept within the results). */
  | { readonly type: 'select'; readonly index: number }
  /**
   * Asks for the next page, if there is one and none is on its way; after a failed page, only when
   * the person asks again (`retry`).
   */
  | { readonly type: 'more'; readonly retry?: boolean }
  | { readonly type: 'close' };

/** The closed panel, before any search. */
export const CLOSED: SearchState = {
  open: false,
  query: '',
  hits: [],
  selected: 0,
  next: undefined,
  loading: undefined,
  failure: undefined,
  made: 0,
};

/** The pure reducer of the search panel. */
export function searchReducer(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'open':
      return state.open ? state : { ...state, open: true };
    case 'search': {
      const query = action.query.trim();
      if (query === '') return { ...CLOSED, open: true, made: state.made };
      return {
        ...CLOSED,
        open: true,
        query,
        loading: { id: state.made + 1, query },
        made: state.made + 1,
      };
    }
    case 'page': {
      if (action.id !== state.loading?.id) return state;
      const known = new Set(state.hits.map((hit) => hit.id));
      const hits = [...state.hits, ...action.hits.filter((hit) => !known.has(hit.id))];
      // A page that brought nothing new ends the list, whatever its cursor says.
      const next = hits.length > state.hits.length ? action.next : undefined;
      return { ...state, hits, next, loading: undefined };
    }
    case 'failed':
      return action.id === state.loading?.id
        ? { ...state, loading: undefined, failure: { code: action.code, message: action.message } }
        : state;
    case 'select': {
      if (state.hits.length === 0) return state;
      const selected = Math.max(0, Math.min(state.hits.length - 1, action.index));
      const moved = selected === state.selected ? state : { ...state, selected };
      // Coming to the last result brings the next page, as scrolling to the end does.
      return selected === state.hits.length - 1 ? searchReducer(moved, { type: 'more' }) : moved;
    }
    case 'more':
      if (state.next === undefined || state.loading || (state.failure && !action.retry)) return state;
      return {
        ...state,
        failure: undefined,
        loading: { id: state.made + 1, query: state.query, before: state.next },
        made: state.made + 1,
      };
    case 'close':
      return state.open ? { ...state, open: false } : state;
  }
}

/** What the panel says about its results: searching, nothing found, or how many so far. */
export function statusText(state: SearchState): string {
  const count = state.hits.length;
  if (state.query === '') return '';
  if (count === 0)
    return state.loading ? 'Searching…' : state.failure ? '' : `No messages match ${state.query}.`;
  const more = state.next !== undefined || state.loading !== undefined;
  return `${count}${more ? '+' : ''} result${count === 1 && !more ? '' : 's'}, newest first`;
}

/** The sentence shown for a failed search: the server's own words, said as a refusal. */
export function failureText(failure: SearchFailure): string {
  if (failure.code === 'disconnected') return 'Not connected: search again once the connection is back.';
  return `Cannot search: ${failure.message}`;
}
