import { createContext, type Dispatch, type ReactNode, useContext } from 'react';
import { type SearchViewAction, type SearchViewState, useSearchViewState } from './use-search-view-state.js';

type SearchViewValue = readonly [SearchViewState, Dispatch<SearchViewAction>];

const SearchViewContext = createContext<SearchViewValue | undefined>(undefined);

/** Holds the search view's state above the chat session, so `/search` can open it. */
export function SearchViewProvider({ children }: { readonly children: ReactNode }) {
  const value = useSearchViewState();
  return <SearchViewContext.Provider value={value}>{children}</SearchViewContext.Provider>;
}

/** The search view's state and dispatch; throws outside a {@link SearchViewProvider}. */
export function useSearchView(): SearchViewValue {
  const value = useContext(SearchViewContext);
  if (!value) throw new Error('useSearchView must be used inside <SearchViewProvider>');
  return value;
}
