import { messageOrder, type TargetState } from 'aurora-client';
import { type Dispatch, useEffect, useRef, useState } from 'react';
import { useChatActions } from '../chat-context.js';
import { useSearchView } from '../search-view/index.js';
import type { Measure, PaneList } from './scroll.js';
import type { PaneAction } from './use-message-pane-state.js';

/** How long a message jumped to stays marked. */
const MARK_MS = 4000;

/**
 * Brings a message jumped to from the search view onto the screen: loads the history around it
 * when it is not loaded (however far back), scrolls to it once it is, and marks it for a few
 * seconds. Returns the seq of the message to mark, if any.
 */
export function useJumpFocus(
  target: TargetState,
  list: PaneList,
  dispatch: Dispatch<PaneAction>,
  measure: () => Measure,
): number | undefined {
  const [{ jump }] = useSearchView();
  const actions = useChatActions();
  const mine = jump && jump.key === target.key ? jump : undefined;
  const order = mine ? messageOrder(mine.seq) : undefined;
  const index = order === undefined ? -1 : list.indexOf(order);
  const loaded = order !== undefined && index >= 0 && list.orderAt(index) === order;
  const requested = useRef<number | undefined>(undefined);
  const revealed = useRef<number | undefined>(undefined);
  const [marked, setMarked] = useState<number | undefined>(undefined);
  const measureRef = useRef(measure);
  measureRef.current = measure;

  useEffect(() => {
    if (!mine || loaded || requested.current === mine.id) return;
    requested.current = mine.id;
    actions.loadAround(target.key, mine.seq);
  }, [mine, loaded, actions, target.key]);

  useEffect(() => {
    if (!mine || order === undefined || !loaded || revealed.current === mine.id) return;
    revealed.current = mine.id;
    dispatch({ type: 'reveal', target: target.key, order, measure: measureRef.current() });
    setMarked(mine.id);
  }, [mine, order, loaded, dispatch, target.key]);

  useEffect(() => {
    if (marked === undefined) return;
    const timer = setTimeout(() => setMarked(undefined), MARK_MS);
    return () => clearTimeout(timer);
  }, [marked]);

  return mine && marked === mine.id ? mine.seq : undefined;
}
