import { h } from './dom.js';

/** Reads new messages to screen-reader users through a polite live region. */
export interface Announcer {
  readonly element: HTMLElement;
  announce(text: string): void;
}

/** Keeps a handful of recent announcements, so a burst is read in order and the region stays small. */
export function createAnnouncer(keep = 5): Announcer {
  const element = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  return {
    element,
    announce(text) {
      element.appendChild(h('p', {}, text));
      while (element.childElementCount > keep) element.firstElementChild?.remove();
    },
  };
}
