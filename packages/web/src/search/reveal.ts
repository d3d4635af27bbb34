import { h } from '../ui/dom.js';
import type { MessageList } from '../ui/message-list.js';

/** Frames to wait for the message list to draw a message before giving up on showing it. */
const FRAMES = 30;

/** What showing a message needs of the message list. */
export type RevealList = Pick<MessageList, 'element' | 'scroller' | 'atBottom' | 'scrollToBottom'>;

/** Shows messages jumped to, and offers the way back to the newest. */
export interface Revealer {
  /** Scrolls to message `seq` of the conversation on screen once it is drawn, and marks it. */
  reveal(seq: number): void;
  /** Hides the way back, and forgets a message not shown yet: the conversation changed. */
  reset(): void;
}

/**
 * Scrolls the message list to a message once the list has drawn it (it draws on the next frame),
 * marks it for a few seconds (CSS), and focuses it so a screen reader reads it. A button then leads
 * back to the newest messages until the reader is there (the list's own button, when it shows,
 * counts new messages and leads there too; the CSS shows only that one).
 */
export function createRevealer(messages: RevealList): Revealer {
  const { scroller } = messages;
  const latest = h('button', { type: 'button', class: 'jump latest', hidden: true }, 'Latest messages ↓');
  messages.element.appendChild(latest);
  latest.addEventListener('click', () => {
    latest.hidden = true;
    messages.scrollToBottom();
    scroller.focus({ preventScroll: true });
  });
  scroller.addEventListener(
    'scroll',
    () => {
      if (messages.atBottom()) latest.hidden = true;
    },
    { passive: true },
  );

  /** Counts reveals asked for, so that one asked before the conversation changed shows nothing. */
  let asked = 0;
  const show = (seq: number, frames: number, id: number) => {
    if (id !== asked) return;
    const item = scroller.querySelector<HTMLElement>(`.messages > .msg[data-seq="${seq}"]`);
    if (!item) {
      if (frames > 0) requestAnimationFrame(() => show(seq, frames - 1, id));
      return;
    }
    for (const old of scroller.querySelectorAll('.found')) old.classList.remove('found');
    // A layout read in between, so that the mark's animation runs again on a message that had it.
    item.getBoundingClientRect();
    item.classList.add('found');
    item.tabIndex = -1;
    item.scrollIntoView({ block: 'center' });
    item.focus({ preventScroll: true });
    // With the list's end on screen and no hole below the message, the latest ones are in view.
    const holes = [...scroller.querySelectorAll('.messages > .gap')];
    latest.hidden =
      messages.atBottom() &&
      !holes.some((hole) => item.compareDocumentPosition(hole) & Node.DOCUMENT_POSITION_FOLLOWING);
  };
  return {
    reveal(seq) {
      const id = ++asked;
      requestAnimationFrame(() => show(seq, FRAMES, id));
    },
    reset() {
      asked++;
      latest.hidden = true;
    },
  };
}
