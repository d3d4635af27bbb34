import { type Digest, digestEntries, digestSummary, type TimeFormat } from 'aurora-client';
import { h } from '../ui/dom.js';
import { nickLabel } from '../ui/message-item.js';

// The digest chunk: "while you were away" is shown once after logging in, and only to an account
// that missed something, so main.ts loads it with `import()` when the engine's state has one (#17).

/** "While you were away", above the conversation until the person moves on (the engine's `awayDigest`). */
export interface DigestBlock {
  readonly element: HTMLElement;
  render(digest: Digest | undefined): void;
}

/**
 * Fills `element` (the chat screen's place for it): the engine's summary, then each mention (with
 * its room) and direct message, oldest first, with its time, sender and text, all as text nodes.
 */
export function createDigestBlock(element: HTMLElement, time: TimeFormat): DigestBlock {
  let shown: Digest | undefined;
  return {
    element,
    render(digest) {
      if (digest === shown) return;
      shown = digest;
      element.hidden = digest === undefined;
      if (!digest) return element.replaceChildren();
      const rows = digestEntries(digest).map(({ message, room }) =>
        h(
          'li',
          {},
          h('time', { class: 'ts', datetime: new Date(message.ts).toISOString() }, time.clock(message.ts)),
          ` ${room === undefined ? 'DM' : `#${room}`} `,
          nickLabel(message.from),
          ` ${message.text}`,
        ),
      );
      element.replaceChildren(h('h2', {}, digestSummary(digest)), h('ul', {}, ...rows));
    },
  };
}
