import type { ClientMessageOf } from 'aurora-protocol';
import type { ChatState, TargetKey } from './chat-state.js';
import { COMMAND_REFS } from './command-refs.js';
import { oldestSeq } from './timeline.js';

/** The conversation `step` places from the one on screen in the room list (Alt+Up / Alt+Down). */
export function adjacentTarget(state: ChatState, step: -1 | 1): TargetKey | undefined {
  const index = state.active === undefined ? -1 : state.order.indexOf(state.active);
  return state.order[index + step];
}

/**
 * The request for the page of history before what a conversation shows, or undefined when there is
 * nothing older, a page is already on its way, or the connection is down. A conversation that shows
 * nothing yet asks for its latest page. It names the target by its key; the engine spells it for
 * the wire.
 */
export function olderPageRequest(state: ChatState, key: TargetKey): ClientMessageOf<'history'> | undefined {
  const target = state.targets.get(key);
  if (!target?.hasOlder || target.loadingOlder || state.connection.status !== 'online') return undefined;
  const before = oldestSeq(target.entries);
  return {
    type: 'history',
    target: target.key,
    ...(before === undefined ? {} : { before }),
    limit: state.limits.historyPageDefault,
    ref: COMMAND_REFS.history,
  };
}
