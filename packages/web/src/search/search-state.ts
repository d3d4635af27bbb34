import {
  NO_RESULTS,
  type SearchFailure,
  type SearchResults,
  type SearchResultsAction,
  searchResultsReducer,
} from 'aurora-client';

// Part of the search chunk, loaded on first use (see index.ts).

/** The search panel: whether it shows, and the results it shows (aurora-client's, as the terminal's). */
export interface SearchState extends SearchResults {
  readonly open: boolean;
}

/** What the search panel does: the results' actions, and showing or hiding the panel. */
export type SearchAction =
  | SearchResultsAction
  /** Shows the panel, with the results of the last search if there was one. */
  | { readonly type: 'open' }
  | { readonly type: 'close' };

/** The closed panel, before any search. */
export const CLOSED: SearchState = { ...NO_RESULTS, open: false };

/** The pure reducer of the search panel: a search opens it. */
export function searchReducer(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'open':
      return state.open ? state : { ...state, open: true };
    case 'close':
      return state.open ? { ...state, open: false } : state;
    case 'search':
      return { ...searchResultsReducer(state, action), open: true };
    default:
      return searchResultsReducer(state, action);
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
