import { firstSeq, isDmTarget } from 'aurora-client';
import { type ClientMessageOf, LIMITS } from 'aurora-protocol';
import { COMMAND_REFS } from './command-refs.js';
import { isOnline, type PageState, shownTargets } from './page-state.js';

/** The conversation `step` places from the one on screen in the room list (Alt+Up / Alt+Down). */
export function adjacentTarget(state: PageState, step: -1 | 1): string | undefined {
  const keys = shownTargets(state.chat).map((t) => t.key);
  return keys[keys.indexOf(state.chat.current) + step];
}

/**
 * The request for the page of history before what a conversation shows, or undefined when there is
 * nothing older, a page is already on its way, or the connection is down. A direct conversation
 * that shows nothing yet (just opened) asks for its latest page. It names the target by its key;
 * the engine spells it for the wire.
 */
export function olderPageRequest(
  state: PageState,
  key: string,
): (ClientMessageOf<'history'> & { readonly limit: number }) | undefined {
  const target = state.chat.targets[key];
  if (!target || target.loadingOlder || !isOnline(state)) return undefined;
  const before = firstSeq(target.items);
  // A conversation just opened (nothing in it yet) asks for its latest page.
  const latest = isDmTarget(key) && target.items.length === 0;
  if (!latest && !(target.more && before !== undefined)) return undefined;
  return {
    type: 'history',
    target: target.key,
    ...(before === undefined ? {} : { before }),
    limit: LIMITS.historyPageDefault,
    ref: COMMAND_REFS.history,
  };
}
