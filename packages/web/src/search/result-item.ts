import type { TimeFormat } from 'aurora-client';
import type { SearchHit } from 'aurora-protocol';
import { h } from '../ui/dom.js';
import { botMark, nickLabel, registeredMark } from '../ui/message-item.js';
import { snippetNodes } from './snippet.js';

/** What drawing a result needs besides the result. */
export interface ResultContext {
  readonly time: TimeFormat;
  /** Short dates for results from before today. */
  readonly date: Intl.DateTimeFormat;
  readonly now: number;
}

/** Where a result is, as people write it: `#room`, or `@name` for a direct conversation. */
export function whereText(target: string): string {
  return target.startsWith('@') ? target : `#${target}`;
}

/**
 * One result as a button in the results list: where, who and when on one line, the snippet with
 * its matches marked below. Choosing it (click, Enter, Space) jumps to the message.
 */
export function resultItem(hit: SearchHit, context: ResultContext): HTMLLIElement {
  const { time } = context;
  const day = time.day(hit.ts) === time.day(context.now) ? 'Today' : context.date.format(hit.ts);
  const when = h(
    'time',
    { class: 'hit-time', datetime: new Date(hit.ts).toISOString(), title: time.full(hit.ts) },
    `${day} ${time.clock(hit.ts)}`,
  );
  const head = h(
    'span',
    { class: 'hit-head' },
    h('span', { class: 'hit-where' }, whereText(hit.target)),
    ' ',
    // As a message shows its sender: a webhook's sign, or the registered one.
    nickLabel(hit.from),
    hit.bot ? botMark(true) : registeredMark(hit.account),
    ' ',
    when,
  );
  const text = h('span', { class: `hit-text hit-${hit.kind}` }, ...snippetNodes(hit.snippet));
  const button = h('button', { type: 'button', class: 'hit', tabindex: -1 }, head, text);
  return h('li', {}, button);
}
