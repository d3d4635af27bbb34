import type { PageState } from '../core/page-state.js';
import type { ConversationActions } from './conversation-actions.js';

/** Messages asked for at once to fill a gap, as the terminal does. */
export const GAP_PAGE = 100;
/** What a gap says until its messages are asked for, and while they come. */
export const GAP_LOADING = 'Loading the messages in between…';
/** What a gap says once asking brought nothing for it: those messages are gone (retention). */
export const GAP_LOST = 'Some messages here could not be recovered.';

/**
 * Fills the gap between a search result's context and the newest messages (and any other) as the
 * reader scrolls to it. Once a gap is on screen, the page next to where the reader is reading is
 * asked for: the messages just after it when reading down into it, the ones just before the messages
 * below it when it is the first row on screen (reading up). The message list keeps the rows at the
 * top of the screen where they are when a page lands, so either way the new rows go in beyond what
 * is being read and push the gap off screen. Each gap is asked for once; one that stays is lost.
 *
 * Both are pages back from a seq, as the terminal asks (the page after `after` is the one before
 * `after + GAP_PAGE + 1`): the chat state takes such a page's `more` as whether older messages exist,
 * which holds here but for a conversation whose first message was already loaded, where the list
 * then asks once more at the top and learns it again.
 */
export function fillGaps(
  scroller: HTMLElement,
  store: { getState(): PageState; subscribe(listener: () => void): () => void },
  loadPage: ConversationActions['loadPage'],
): void {
  const tried = new Set<string>();
  let frame = 0;
  const update = () => {
    cancelAnimationFrame(frame);
    frame = 0;
    const { chat } = store.getState();
    const target = chat.targets[chat.current];
    if (!target) return;
    const top = scroller.scrollTop;
    const bottom = top + scroller.clientHeight;
    for (const item of scroller.querySelectorAll<HTMLElement>('.messages > .gap')) {
      const after = seqBeside(item, false);
      const before = seqBeside(item, true);
      const gap = `${target.key} ${after} ${before}`;
      const onScreen = item.offsetTop < bottom && item.offsetTop + item.offsetHeight > top;
      if (onScreen && !tried.has(gap) && after !== undefined && before !== undefined) {
        const above = item.previousElementSibling as HTMLElement | null;
        const readingUp = !above || above.offsetTop + above.offsetHeight <= top;
        if (loadPage(target.key, readingUp ? before : after + GAP_PAGE + 1, GAP_PAGE)) tried.add(gap);
      }
      const text = tried.has(gap) && !target.loadingOlder ? GAP_LOST : GAP_LOADING;
      if (item.textContent !== text) item.textContent = text;
    }
  };
  // As soon as the list has drawn new rows, and on the next frame after a scroll or a change of state
  // (a page that brought nothing new leaves the rows as they were).
  const soon = () => {
    if (frame === 0) frame = requestAnimationFrame(update);
  };
  const rows = scroller.querySelector('.messages');
  if (rows) new MutationObserver(update).observe(rows, { childList: true });
  store.subscribe(soon);
  scroller.addEventListener('scroll', soon, { passive: true });
  soon();
}

/** The seq of the nearest message row before (or after) a gap row: the messages it lies between. */
function seqBeside(gap: Element, after: boolean): number | undefined {
  let row = after ? gap.nextElementSibling : gap.previousElementSibling;
  while (row && !(row instanceof HTMLElement && row.dataset.seq !== undefined))
    row = after ? row.nextElementSibling : row.previousElementSibling;
  return row ? Number((row as HTMLElement).dataset.seq) : undefined;
}
