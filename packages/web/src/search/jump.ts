import { isOnline, type PageState } from '../core/page-state.js';
import { messageAt } from '../core/timeline-rows.js';
import type { ConversationActions } from './conversation-actions.js';

/** Messages loaded before and after one jumped to, in one history request, as the terminal does. */
export const CONTEXT_BEFORE = 40;
export const CONTEXT_AFTER = 10;

/** A jump to a search result under way: the conversation's key, the message, whether its context was asked for. */
export interface Jump {
  readonly key: string;
  readonly seq: number;
  readonly asked: boolean;
}

/**
 * What a jump does next, decided from the chat state alone: `wait` for the room to be joined, the
 * conversation's latest page or a page on its way; `load` the message's context; `reveal` it, now
 * that it is loaded; say it is `gone` when its context came without it (deleted, or past retention);
 * or `abandon` it when the person went to another conversation meanwhile.
 */
export function jumpStep(state: PageState, jump: Jump): 'wait' | 'load' | 'reveal' | 'gone' | 'abandon' {
  const target = state.chat.targets[jump.key];
  if (!target) return 'wait';
  if (state.chat.current !== jump.key) return 'abandon';
  if (messageAt(target.items, jump.seq)) return 'reveal';
  // A conversation opened just now first loads its latest page (it is on its way), or the newest
  // messages would be missing.
  if (target.loadingOlder || !isOnline(state)) return 'wait';
  return jump.asked ? 'gone' : 'load';
}

/** What jumping needs from the page. */
export interface JumpDeps extends ConversationActions {
  readonly store: {
    getState(): PageState;
    subscribe(listener: (state: PageState) => void): () => void;
  };
  /** Scrolls the message list to a message of the conversation on screen and marks it. */
  reveal(seq: number): void;
  /** A line in a conversation, for a result that is no longer there. */
  notice(text: string, target: string): void;
}

/**
 * Goes to a search result: shows its conversation, loads the messages around it in one history
 * request when they are not loaded (however far back), then scrolls to it. One jump at a time; a
 * new one replaces the last.
 */
export function createJumper(deps: JumpDeps): (wire: string, seq: number) => void {
  let jump: Jump | undefined;
  let unsubscribe: (() => void) | undefined;
  const stop = () => {
    jump = undefined;
    unsubscribe?.();
    unsubscribe = undefined;
  };
  const step = (state: PageState) => {
    const current = jump;
    if (!current) return;
    switch (jumpStep(state, current)) {
      case 'wait':
        return;
      case 'load': {
        // The request changes the state, which comes back here first and waits for the page.
        const before = current.seq + CONTEXT_AFTER + 1;
        if (deps.loadPage(current.key, before, CONTEXT_BEFORE + 1 + CONTEXT_AFTER))
          jump = { ...current, asked: true };
        return;
      }
      case 'reveal':
        stop();
        deps.reveal(current.seq);
        return;
      case 'gone':
        stop();
        deps.notice('The message you searched for is no longer in the history.', current.key);
        return;
      case 'abandon':
        stop();
    }
  };
  return (wire, seq) => {
    stop();
    const key = deps.show(wire);
    jump = { key, seq, asked: false };
    unsubscribe = deps.store.subscribe(step);
    step(deps.store.getState());
  };
}
