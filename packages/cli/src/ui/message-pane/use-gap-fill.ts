import type { TargetState } from 'aurora-client';
import { type Dispatch, useEffect, useRef } from 'react';
import { useChatActions } from '../chat-context.js';
import type { Anchor, Measure, PaneWindow } from './scroll.js';
import type { PaneAction } from './use-message-pane-state.js';

/**
 * Fills a hole on screen (such as the one between a jumped-to message's history and the newest
 * messages) from the server, once per hole, and keeps the top row where it was when the page
 * lands, so the reader stays where they read: scrolling down into a hole reads on, and scrolling up
 * into one reads back.
 */
export function useGapFill(
  target: TargetState,
  window: PaneWindow,
  anchor: Anchor,
  dispatch: Dispatch<PaneAction>,
  measure: () => Measure,
  online: boolean,
): void {
  const actions = useChatActions();
  const asked = useRef(new Set<string>());
  const waiting = useRef<
    { target: string; gap: number; order: number; line: number; anchor: Anchor } | undefined
  >(undefined);
  const { gapBefore, top } = window;
  // No dependency list: it compares what is on screen with what was asked, every frame, cheaply.
  useEffect(() => {
    const pending = waiting.current;
    if (pending && (pending.target !== target.key || gapBefore !== pending.gap)) {
      waiting.current = undefined;
      // Only if the view stayed where it was asked from: a scroll or a jump since then wins.
      if (pending.target === target.key && pending.anchor === anchor && !anchor.follow)
        dispatch({
          type: 'pin-top',
          target: target.key,
          order: pending.order,
          line: pending.line,
          measure: measure(),
        });
    }
    if (gapBefore === undefined || top === undefined || !online) return;
    const key = `${target.key} ${gapBefore}`;
    if (asked.current.has(key)) return;
    asked.current.add(key);
    waiting.current = { target: target.key, gap: gapBefore, order: top.order, line: top.line, anchor };
    actions.loadBefore(target.key, gapBefore);
  });
}
