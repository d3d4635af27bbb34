export { SearchView } from './search-view.js';
export { SearchViewProvider, useSearchView } from './search-view-context.js';
export { useSearchViewKeys } from './use-search-view.js';
export type { JumpTarget } from './use-search-view-state.js';
