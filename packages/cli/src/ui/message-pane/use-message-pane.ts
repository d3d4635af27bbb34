import type { Dispatch } from 'react';
import { useKeypress } from '../keys/index.js';
import type { Measure } from './scroll.js';
import type { PaneAction } from './use-message-pane-state.js';

/** Scroll keys: PgUp/PgDn by page, Shift+Up/Down by line, End back to the newest messages. */
export function useMessagePane(
  target: string,
  dispatch: Dispatch<PaneAction>,
  measure: () => Measure,
  active = true,
): void {
  useKeypress((event) => {
    if (event.type !== 'key') return;
    const { name, shift, ctrl, alt } = event.key;
    if (name === 'pageup') dispatch({ type: 'page', target, pages: 1, measure: measure() });
    else if (name === 'pagedown') dispatch({ type: 'page', target, pages: -1, measure: measure() });
    else if (name === 'up' && shift && !ctrl && !alt)
      dispatch({ type: 'scroll', target, rows: 1, measure: measure() });
    else if (name === 'down' && shift && !ctrl && !alt)
      dispatch({ type: 'scroll', target, rows: -1, measure: measure() });
    else if (name === 'end') dispatch({ type: 'bottom', target });
  }, active);
}
