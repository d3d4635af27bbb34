import type { ChatState } from './chat-state.js';
import { itemWeight } from './item-list.js';
import { withEntry, withoutEntry } from './remote-keyed.js';
import { isDmTarget } from './targets.js';

/**
 * How much transcript the chat keeps, in the UTF-16 code units of `itemWeight` (text plus a fixed
 * cost per item): per room or conversation, and over all of them. A long day in a busy room stays
 * far below (100,000 messages of 80 characters weigh about 15 M); a server flooding the client
 * meets it, and then the oldest lines go (they can be paged in again from the server).
 */
export interface TranscriptBudget {
  readonly perTarget: number;
  readonly total: number;
  /**
   * Most rooms and conversations kept (the home view aside): a server that floods direct messages
   * from new names must not open conversations without end. Unset: no limit.
   */
  readonly targets?: number;
}

/** The budget the chat runs with: about 32 MB of text per target and 128 MB in all, at most. */
export const DEFAULT_TRANSCRIPT_BUDGET: TranscriptBudget = {
  perTarget: 16 * 1024 * 1024,
  total: 64 * 1024 * 1024,
};

/**
 * The state with target `key` within its budget, and all targets within the total (the heaviest
 * gives up its oldest lines first). A target over budget keeps three quarters of it, so trimming
 * (which copies what is kept) happens once per quarter of a budget, not at every message.
 */
export function withinBudget(state: ChatState, key: string): ChatState {
  const { perTarget, total } = state.transcriptBudget;
  let next = trimOldest(state, key, perTarget);
  for (;;) {
    let sum = 0;
    let heaviest: string | undefined;
    for (const target of Object.values(next.targets)) {
      sum += target.items.weight;
      if (heaviest === undefined || target.items.weight > next.targets[heaviest]!.items.weight)
        heaviest = target.key;
    }
    if (sum <= total || heaviest === undefined) return next;
    const weight = next.targets[heaviest]!.items.weight;
    next = trimOldest(next, heaviest, Math.min(weight - 1, weight - (sum - total)));
  }
}

/**
 * The state with room for one more target under the budget's `targets`: when it is full, the
 * direct conversation open longest that is not on screen and holds nothing unsent is closed (its
 * history stays on the server). Undefined when none can go.
 */
export function withRoomForOne(state: ChatState): ChatState | undefined {
  const max = state.transcriptBudget.targets;
  if (max === undefined || state.order.length - 1 < max) return state;
  const closable = state.order.find(
    (key) => isDmTarget(key) && key !== state.current && state.targets[key]?.pending.length === 0,
  );
  if (closable === undefined) return undefined;
  return {
    ...state,
    targets: withoutEntry(state.targets, closable),
    order: state.order.filter((key) => key !== closable),
  };
}

/** Drops the oldest items of a target until it weighs at most three quarters of `max`. */
function trimOldest(state: ChatState, key: string, max: number): ChatState {
  const target = state.targets[key];
  if (!target || target.items.weight <= max) return state;
  const goal = Math.floor((max * 3) / 4);
  const { items } = target;
  let weight = items.weight;
  let dropped = 0;
  let droppedMessage = false;
  while (dropped < items.length && weight > goal) {
    const item = items.get(dropped);
    weight -= itemWeight(item);
    droppedMessage ||= item.kind === 'message';
    dropped++;
  }
  const kept = items.withoutFirst(dropped);
  // What went can be paged in again: the transcript now starts after messages the server has.
  const more = target.more || droppedMessage;
  return { ...state, targets: withEntry(state.targets, key, { ...target, items: kept, more }) };
}
