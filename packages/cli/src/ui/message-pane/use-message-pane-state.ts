import { type RemoteKeyed, remoteKeyed, withEntry } from 'aurora-client';
import { useReducer } from 'react';
import { type Anchor, FOLLOW, type Measure, pinTopAnchor, revealAnchor, scrollBy } from './scroll.js';

/** Where each target's view is; a room keeps its position while another is shown. */
export type PaneState = RemoteKeyed<Anchor>;

/** Scrolling actions. `measure` describes the target as drawn now, so the reducer stays pure. */
export type PaneAction =
  | { readonly type: 'scroll'; readonly target: string; readonly rows: number; readonly measure: Measure }
  | { readonly type: 'page'; readonly target: string; readonly pages: number; readonly measure: Measure }
  | { readonly type: 'bottom'; readonly target: string }
  /** Shows the item with `order` with context around it (a jump from the search view). */
  | { readonly type: 'reveal'; readonly target: string; readonly order: number; readonly measure: Measure }
  /** Keeps the top row in place (a hole below it filled). */
  | {
      readonly type: 'pin-top';
      readonly target: string;
      readonly order: number;
      readonly line: number;
      readonly measure: Measure;
    };

/** The pure reducer of scroll positions. */
export function paneReducer(state: PaneState, action: PaneAction): PaneState {
  const anchor = state[action.target] ?? FOLLOW;
  switch (action.type) {
    case 'scroll':
      return withEntry(state, action.target, scrollBy(anchor, action.rows, action.measure));
    case 'page': {
      const page = Math.max(1, action.measure.height - 1);
      return withEntry(state, action.target, scrollBy(anchor, action.pages * page, action.measure));
    }
    case 'bottom':
      return anchor.follow ? state : withEntry(state, action.target, FOLLOW);
    case 'reveal':
      return withEntry(state, action.target, revealAnchor(action.order, action.measure));
    case 'pin-top':
      return withEntry(state, action.target, pinTopAnchor(action.order, action.line, action.measure));
  }
}

/** The scroll reducer as a hook. */
export function useMessagePaneState() {
  return useReducer(paneReducer, remoteKeyed<Anchor>());
}

/** The anchor of a target (following when never scrolled). */
export function anchorOf(state: PaneState, target: string): Anchor {
  return state[target] ?? FOLLOW;
}
