import { SearchError, targetOfWire } from 'aurora-client';
import { useEffect } from 'react';
import { useChatActions } from '../chat-context.js';
import { useKeypress } from '../keys/index.js';
import { useSearchView } from './search-view-context.js';
import { selectedHit } from './use-search-view-state.js';

/**
 * The search view's requests and keys: each page the state waits for is asked of the server (its
 * answer or error goes back into the state), Up/Down and PgUp/PgDn select, Enter goes to the
 * selected message, Esc (or Ctrl+C) closes. `pageRows` says how many results a page key moves (the rows the view has).
 */
export function useSearchViewKeys(pageRows: () => number): void {
  const [view, dispatch] = useSearchView();
  const actions = useChatActions();
  const { loading, query } = view;

  useEffect(() => {
    if (!loading) return;
    void actions.search(query, loading.before).then(
      (page) =>
        dispatch({
          type: 'page',
          id: loading.id,
          hits: page.results,
          ...(page.next === undefined ? {} : { next: page.next }),
        }),
      (error: unknown) =>
        dispatch({
          type: 'failed',
          id: loading.id,
          code: error instanceof SearchError ? error.code : 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  }, [loading, query, actions, dispatch]);

  useKeypress((event) => {
    if (event.type !== 'key') return;
    const { name, ctrl, alt, shift, text } = event.key;
    if (name === 'escape' || (name === 'char' && ctrl && text === 'c')) dispatch({ type: 'close' });
    else if (ctrl || alt || shift) return;
    else if (name === 'up' || name === 'down') dispatch({ type: 'move', delta: name === 'up' ? -1 : 1 });
    else if (name === 'pageup' || name === 'pagedown')
      dispatch({ type: 'move', delta: (name === 'pageup' ? -1 : 1) * Math.max(1, pageRows()) });
    else if (name === 'home' || name === 'end')
      dispatch({ type: 'move', delta: (name === 'home' ? -1 : 1) * view.hits.length });
    else if (name === 'enter') {
      const hit = selectedHit(view);
      if (!hit) return;
      actions.showTarget(hit.target);
      dispatch({ type: 'jump', key: targetOfWire(hit.target) });
    }
  }, view.open);
}
