import type { SearchHit } from 'aurora-protocol';

/** A page of results being asked for: `id` tells its answer from one to an older search. */
export interface PageRequest {
  readonly id: number;
  /** The previous page's `next`; absent for the first page. */
  readonly before?: number;
}

/** Why a search failed: the server's error code (`bad_query`...) or `disconnected`, and its message. */
export interface SearchFailure {
  readonly code: string;
  readonly message: string;
}

/**
 * The results of one search as a client shows them, newest first: what came so far, the one
 * selected, and the page on its way. Both clients' search views are built on it.
 */
export interface SearchResults {
  /** The query the results are for ('' before any search). */
  readonly query: string;
  readonly hits: readonly SearchHit[];
  readonly selected: number;
  /** The cursor of the next page; undefined once the last page came. */
  readonly next: number | undefined;
  /** The page to ask for (with `Connection.search`), until its answer or failure comes. */
  readonly loading: PageRequest | undefined;
  readonly failure: SearchFailure | undefined;
  /** Requests made so far, for their ids. */
  readonly made: number;
}

/** What changes search results. */
export type SearchResultsAction =
  /** Searches for `query` from its newest match. */
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
  /** Asks for the next page, if there is one and none is on its way; after a failure only on `retry`. */
  | { readonly type: 'more'; readonly retry?: boolean };

/** No search yet. */
export const NO_RESULTS: SearchResults = {
  query: '',
  hits: [],
  selected: 0,
  next: undefined,
  loading: undefined,
  failure: undefined,
  made: 0,
};

/**
 * The pure reducer of search results. A page may be short, or even empty, and still have a `next`
 * (a store reads a bounded number of candidates per page), so the results go on through `next`
 * while the selection is on the last one (or there is none yet); a `next` that does not move back
 * from the page asked for ends them, so a faulty server cannot loop a client.
 */
export function searchResultsReducer<S extends SearchResults>(state: S, action: SearchResultsAction): S {
  switch (action.type) {
    case 'search': {
      // A view's own fields (whether it is open...) stay as they are.
      const query = action.query.trim();
      const made = query === '' ? state.made : state.made + 1;
      return { ...state, ...NO_RESULTS, query, made, loading: query === '' ? undefined : { id: made } };
    }
    case 'page': {
      const asked = state.loading;
      if (action.id !== asked?.id) return state;
      const known = new Set(state.hits.map((hit) => hit.id));
      const hits = [...state.hits, ...action.hits.filter((hit) => !known.has(hit.id))];
      const moved = action.next !== undefined && (asked.before === undefined || action.next < asked.before);
      return moreAtEnd({ ...state, hits, next: moved ? action.next : undefined, loading: undefined });
    }
    case 'failed':
      return action.id === state.loading?.id
        ? { ...state, loading: undefined, failure: { code: action.code, message: action.message } }
        : state;
    case 'select': {
      if (state.hits.length === 0) return state;
      const selected = Math.max(0, Math.min(state.hits.length - 1, action.index));
      return moreAtEnd(selected === state.selected ? state : { ...state, selected });
    }
    case 'more':
      if (state.next === undefined || state.loading || (state.failure && !action.retry)) return state;
      return {
        ...state,
        failure: undefined,
        loading: { id: state.made + 1, before: state.next },
        made: state.made + 1,
      };
  }
}

/** The selection on the last result (or no result yet) brings the next page, unless the last one failed. */
function moreAtEnd<S extends SearchResults>(state: S): S {
  return state.selected >= state.hits.length - 1 ? searchResultsReducer(state, { type: 'more' }) : state;
}
