import type { PendingItem, TimeFormat } from 'aurora-client';
import { BOT_MARK, type ChatMessage, nameColour, REGISTERED_MARK } from 'aurora-protocol';
import { h } from './dom.js';
import { richText } from './rich-text.js';

/** What rendering a message needs besides the message. */
export interface ItemContext {
  readonly time: TimeFormat;
  /** Who the person is now: their pending lines are drawn under this name. */
  readonly me: string;
  /** The message a reply answers, when it is loaded. */
  readonly quoted?: (seq: number) => ChatMessage | undefined;
  /** Runs a composer line (`run`), or puts it in the composer to finish: the message actions. */
  readonly act?: (line: string, run: boolean) => void;
}

/**
 * The actions on a message, shown on hover and when focus is inside it (Tab reaches them): react 👍,
 * reply, and on your own edit and delete. Each is the composer command it stands for.
 */
function actionsOf(
  message: ChatMessage,
  own: boolean,
  act: (line: string, run: boolean) => void,
): HTMLElement {
  const n = message.seq;
  const button = (label: string, text: string, line: string, run: boolean) => {
    // The label is drawn by CSS (`data-label`), so a row's text (what copying a message takes, and
    // what screen readers read before the buttons' own labels) is the message alone.
    const b = h('button', { type: 'button', 'aria-label': `${label} message ${n}`, 'data-label': text });
    b.addEventListener('click', () => act(line, run));
    return b;
  };
  return h(
    'div',
    { class: 'actions' },
    button('React 👍 to', '👍', `/react ${n} 👍`, true),
    button('Reply to', 'Reply', `/reply ${n} `, false),
    ...(own
      ? [
          button('Edit', 'Edit', `/edit ${n} ${message.text}`, false),
          button('Delete', 'Delete', `/delete ${n}`, true),
        ]
      : []),
  );
}

/** A sender's name in their colour (set through CSSOM, which the page's CSP allows). */
export function nickLabel(nick: string, className = 'nick'): HTMLElement {
  const label = h('span', { class: className }, nick);
  label.style.color = nameColour(nick);
  return label;
}

/**
 * The sign after a registered person's name (`account: true`), so a guest with a similar name never
 * looks verified; screen readers hear "registered".
 */
export function registeredMark(account: boolean | undefined): HTMLElement | null {
  if (!account) return null;
  return h(
    'span',
    { class: 'registered', title: 'Registered account', 'aria-label': 'registered' },
    REGISTERED_MARK,
  );
}

/**
 * The sign after a webhook's name (`bot: true`), so what a script posted never passes for a person;
 * screen readers hear "bot".
 */
export function botMark(bot: boolean | undefined): HTMLElement | null {
  if (!bot) return null;
  return h('span', { class: 'bot', title: 'Posted by a webhook (a bot)', 'aria-label': 'bot' }, BOT_MARK);
}

function timestamp(ts: number, context: ItemContext): HTMLElement {
  const attributes = { class: 'ts', datetime: new Date(ts).toISOString(), title: context.time.full(ts) };
  return h('time', attributes, context.time.clock(ts));
}

/** The sender and the formatted text; an action reads `* alice waves`. */
function messageLine(
  action: boolean,
  from: string,
  text: string,
  marks: Pick<ChatMessage, 'account' | 'bot'> = {},
): HTMLElement {
  const body = h('span', { class: 'body' }, richText(text));
  const name = [nickLabel(from), marks.bot ? botMark(true) : registeredMark(marks.account)];
  return action
    ? h('div', { class: 'line' }, h('span', { 'aria-hidden': 'true' }, '* '), ...name, ' ', body)
    : h('div', { class: 'line' }, ...name, ' ', body);
}

/**
 * One stored message: chat, `/me` action, system notice or direct message, marked as the engine
 * marked it: `mine` (never a webhook's under one's name), `mention` (a keyword counts; every direct
 * message does, but a conversation is not one long highlight).
 */
export function messageItem(
  { message, mine: own, mention }: { message: ChatMessage; mine: boolean; mention: boolean },
  context: ItemContext,
): HTMLLIElement {
  const classes = ['msg', `msg-${message.kind}`];
  if (own) classes.push('own');
  else if (mention && message.kind !== 'dm') classes.push('mention');
  const item = h('li', { class: classes.join(' '), 'data-seq': message.seq }, timestamp(message.ts, context));
  if (message.replyTo !== undefined) {
    const original = context.quoted?.(message.replyTo);
    const said = original ? `${original.from}: ${original.deleted ? 'message deleted' : original.text}` : '';
    const quote = h('div', { class: 'quote' }, `↳ ${said || `message ${message.replyTo}`}`);
    const act = context.act;
    if (act) {
      // Going to the original is the quote's own action: a click, or Enter once Tab reaches it.
      const goTo = () => act(`/goto ${message.replyTo}`, true);
      quote.tabIndex = 0;
      quote.setAttribute('role', 'link');
      quote.setAttribute('aria-label', `go to message ${message.replyTo}, which this answers`);
      quote.addEventListener('click', goTo);
      quote.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') goTo();
      });
    }
    item.appendChild(quote);
  }
  // System notices are the server's words about names: plain text, no formatting.
  if (message.kind === 'system') item.appendChild(h('div', { class: 'line' }, message.text));
  else if (message.deleted) item.appendChild(messageLine(false, message.from, '_message deleted_', message));
  else item.appendChild(messageLine(message.kind === 'action', message.from, message.text, message));
  if (message.edited !== undefined)
    item.lastElementChild?.append(h('span', { class: 'edited' }, ' (edited)'));
  if (context.act && message.kind !== 'system' && !message.deleted)
    item.appendChild(actionsOf(message, own, context.act));
  const reactions = message.reactions ?? [];
  if (reactions.length > 0)
    item.appendChild(
      h(
        'div',
        { class: 'reactions' },
        ...reactions.map((r) =>
          h('span', { class: 'reaction', title: r.who.join(', ') }, `${r.emoji} ${r.who.length}`),
        ),
      ),
    );
  return item;
}

/**
 * A run of joins, leaves and renames as one line (`watcher joined and left 3 times, pat joined`),
 * at the time of its first notice: the engine's sentence, names in it as plain text.
 */
export function runItem(
  run: { readonly text: string; readonly ts: number },
  context: ItemContext,
): HTMLLIElement {
  const item = h('li', { class: 'msg msg-system msg-run' }, timestamp(run.ts, context));
  item.appendChild(h('div', { class: 'line' }, run.text));
  return item;
}

/** Callbacks for the buttons on a message the server refused. */
export interface PendingActions {
  retry(cid: string): void;
  discard(cid: string): void;
}

/** A message that is not stored yet: sending, waiting for the rate limit, or refused with a reason. */
export function pendingItem(
  pending: PendingItem,
  context: ItemContext,
  actions: PendingActions,
): HTMLLIElement {
  const { outgoing } = pending;
  const kind = outgoing.kind === 'action' ? 'action' : 'chat';
  const item = h(
    'li',
    { class: `msg msg-${kind} own pending`, 'data-cid': outgoing.cid },
    timestamp(outgoing.createdAt, context),
  );
  const line = messageLine(kind === 'action', context.me, outgoing.text);
  item.appendChild(line);
  if (pending.state !== 'failed') {
    // Delayed by the server or held for the person (to log in again): either way it waits.
    const waiting = pending.state !== 'sending';
    line.appendChild(h('span', { class: 'delivery' }, waiting ? 'waiting to send…' : 'sending…'));
    return item;
  }
  item.classList.add('failed');
  const retry = h('button', { type: 'button', class: 'link-button' }, 'Retry');
  const discard = h('button', { type: 'button', class: 'link-button' }, 'Discard');
  retry.addEventListener('click', () => actions.retry(outgoing.cid));
  discard.addEventListener('click', () => actions.discard(outgoing.cid));
  line.appendChild(
    h('span', { class: 'delivery', role: 'alert' }, `Not sent: ${pending.note ?? ''} `, retry, ' ', discard),
  );
  return item;
}

/** A line across the list where a new day starts. */
export function dayItem(label: string): HTMLLIElement {
  return h('li', { class: 'day' }, h('span', {}, label));
}

/** Marks messages that could not be recovered after a long disconnection. */
export function gapItem(): HTMLLIElement {
  return h('li', { class: 'gap' }, 'Some messages from while you were away could not be recovered.');
}

/** A local notice: command output or an error. */
export function noticeItem(text: string, tone: 'info' | 'error'): HTMLLIElement {
  return h('li', { class: `notice notice-${tone}`, ...(tone === 'error' ? { role: 'alert' } : {}) }, text);
}
