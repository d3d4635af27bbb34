export { MessagePane } from './message-pane.js';
export { layoutFor, newMessagesMarker } from './pane-layout.js';
export type { Anchor, Measure, PaneList, PaneWindow } from './scroll.js';
export { FOLLOW, paneList, scrollBy, visibleWindow } from './scroll.js';
export {
  anchorOf,
  type PaneAction,
  type PaneState,
  paneReducer,
  useMessagePaneState,
} from './use-message-pane-state.js';
