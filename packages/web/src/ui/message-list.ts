import {
  hidesMembership,
  isDrawn,
  lastSeq,
  type QuietJoins,
  type TargetState,
  type TimeFormat,
} from 'aurora-client';
import type { NotifyPrefs } from 'aurora-protocol';
import { messageAt, type Row, timelineRows } from '../core/timeline-rows.js';
import { h, setText, syncChildren } from './dom.js';
import {
  dayItem,
  gapItem,
  messageItem,
  noticeItem,
  type PendingActions,
  pendingItem,
  runItem,
} from './message-item.js';
import { storedQuietJoins } from './quiet-joins-setting.js';

/** What the message list needs from the page. */
export interface MessageListOptions {
  readonly time: TimeFormat;
  readonly loadOlder: (target: string) => void;
  readonly pendingActions: PendingActions;
  /** The message actions (see `ItemContext.act`). */
  readonly act?: (line: string, run: boolean) => void;
  /** Who the person is now: pending lines are drawn under this name. */
  readonly me: () => string;
  /** Rooms with more members than this hide joins, leaves and renames (default: this browser's setting). */
  readonly quietJoins?: QuietJoins;
}

/** What the message list shows. */
export interface MessageListInput {
  /** The target on screen: a room, a conversation, or the home view. */
  readonly target: TargetState | undefined;
  /** Whose messages are hidden (people ignored). */
  readonly prefs: NotifyPrefs;
  /** The person cleared this window (`/clear`). */
  readonly cleared: boolean;
  readonly now: number;
}

/** The scrolling list of messages of the conversation on screen. */
export interface MessageList {
  readonly element: HTMLElement;
  render(input: MessageListInput): void;
  /** Follows the newest message again (after the user sent one, or asked to). */
  scrollToBottom(): void;
  /** Scrolls by most of a screen (PageUp / PageDown from the composer). */
  page(direction: 1 | -1): void;
  /** True while the newest message is in view (what arrives is being seen). */
  atBottom(): boolean;
  /** The element that scrolls; its message rows carry their `data-seq`. */
  readonly scroller: HTMLElement;
}

/** How close to the bottom (px) still counts as "at the bottom", to forgive sub-pixel layouts. */
const BOTTOM_SLACK = 32;
/** How close to the top (px) the reader must scroll before older history is fetched. */
const LOAD_OLDER_WITHIN = 240;

/**
 * The list follows new messages while the reader is at the bottom and never moves while they read
 * older ones: instead a button counts what arrived below. Reaching the top loads older history, and
 * whatever was on screen stays where it was when rows are added above or below it.
 */
export function createMessageList(options: MessageListOptions): MessageList {
  const list = h('ol', { class: 'messages' });
  const edge = h('div', { class: 'history-edge' });
  const scroller = h(
    'div',
    { class: 'scroller', tabindex: 0, role: 'region', 'aria-label': 'Messages' },
    edge,
    list,
  );
  const jump = h('button', { type: 'button', class: 'jump', hidden: true }, 'New messages ↓');
  const element = h('section', { class: 'timeline' }, scroller, jump);
  const cache = new Map<string, HTMLLIElement>();
  let shown: MessageListInput | undefined;
  let stick = true;
  /** The newest seq the reader has had on screen at the bottom. */
  let seenSeq = 0;
  let dayStamp = '';
  const quietJoins = options.quietJoins ?? storedQuietJoins();

  const atBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= BOTTOM_SLACK;
  const toBottom = () => {
    scroller.scrollTop = scroller.scrollHeight;
  };

  scroller.addEventListener(
    'scroll',
    () => {
      stick = atBottom();
      if (stick) markSeen();
      maybeLoadOlder();
    },
    { passive: true },
  );
  jump.addEventListener('click', () => {
    stick = true;
    toBottom();
    markSeen();
    scroller.focus({ preventScroll: true });
  });
  new ResizeObserver(() => {
    if (stick) toBottom();
  }).observe(scroller);

  function markSeen(): void {
    if (shown?.target) seenSeq = lastSeq(shown.target.items) ?? 0;
    jump.hidden = true;
  }

  function maybeLoadOlder(): void {
    const target = shown?.target;
    if (target && hasOlder(target) && !target.loadingOlder && scroller.scrollTop < LOAD_OLDER_WITHIN)
      options.loadOlder(target.key);
  }

  function build(row: Row, input: MessageListInput, me: string): HTMLLIElement {
    const items = input.target?.items;
    const context = {
      time: options.time,
      me,
      quoted: (seq: number) => (items ? messageAt(items, seq) : undefined),
      ...(options.act ? { act: options.act } : {}),
    };
    switch (row.kind) {
      case 'day':
        return dayItem(row.label);
      case 'gap':
        return gapItem();
      case 'message':
        return messageItem(row, context);
      case 'notice':
        return noticeItem(row.text, row.tone);
      case 'run':
        return runItem(row, context);
      case 'pending':
        return pendingItem(row.pending, context, options.pendingActions);
    }
  }

  function renderEdge(target: TargetState, cleared: boolean): void {
    if (hasOlder(target) && !target.loadingOlder) {
      if (!edge.querySelector('button')) {
        const button = h('button', { type: 'button', class: 'link-button' }, 'Load older messages');
        button.addEventListener('click', () => shown?.target && options.loadOlder(shown.target.key));
        edge.replaceChildren(button);
      }
      return;
    }
    setText(edge, edgeText(target, cleared));
  }

  function renderJump(target: TargetState): void {
    if (stick) {
      markSeen();
      return;
    }
    let count = 0;
    // Counted from the end: the messages below what the reader has seen, not the whole transcript.
    for (let i = target.items.length - 1; i >= 0; i--) {
      const item = target.items.get(i);
      if (item.kind !== 'message') continue;
      if (item.message.seq <= seenSeq) break;
      if (isDrawn(item) && !item.mine && item.message.kind !== 'system') count++;
    }
    jump.hidden = count === 0;
    setText(jump, `${count} new message${count === 1 ? '' : 's'} ↓`);
  }

  return {
    element,
    render(input) {
      const { target } = input;
      const stamp = options.time.relativeDay(input.now, input.now);
      const switched = target?.key !== shown?.target?.key;
      const unchanged =
        !switched &&
        target?.items === shown?.target?.items &&
        target?.pending === shown?.target?.pending &&
        target?.more === shown?.target?.more &&
        target?.loadingOlder === shown?.target?.loadingOlder &&
        input.prefs === shown?.prefs &&
        input.cleared === shown?.cleared &&
        stamp === dayStamp;
      shown = input;
      dayStamp = stamp;
      if (unchanged) return;
      if (switched) {
        list.replaceChildren();
        cache.clear();
        stick = true;
        const label =
          target?.kind === 'dm'
            ? `Messages with ${target.label}`
            : target?.kind === 'room'
              ? `Messages in #${target.label}`
              : 'Messages';
        scroller.setAttribute('aria-label', label);
      }
      if (!target) {
        setText(edge, '');
        jump.hidden = true;
        return;
      }
      // Remember which rows are at the top of the view, to keep the first that survives (a day
      // separator there may move up when older messages arrive) where it was.
      const anchors: { node: HTMLElement; offset: number }[] = [];
      if (!stick) {
        for (const child of list.children) {
          const node = child as HTMLElement;
          if (node.offsetTop + node.offsetHeight <= scroller.scrollTop) continue;
          anchors.push({ node, offset: node.offsetTop - scroller.scrollTop });
          if (anchors.length === 4) break;
        }
      }
      const rows = timelineRows(target.items, target.pending, input.prefs, {
        label: (ts) => options.time.relativeDay(ts, input.now),
        differ: (a, b) => options.time.day(a) !== options.time.day(b),
        hideMembership:
          target.kind === 'room' && hidesMembership(quietJoins, target.memberCount ?? target.members.length),
      });
      const byKey = new Map(rows.map((row) => [row.key, row]));
      // Rows are drawn as the person who sent what is pending (the name they have now).
      const me = options.me();
      syncChildren(
        list,
        rows.map((row) => row.key),
        cache,
        (key) => build(byKey.get(key)!, input, me),
      );
      renderEdge(target, input.cleared);
      if (stick) toBottom();
      else {
        const anchor = anchors.find((a) => a.node.isConnected);
        if (anchor) scroller.scrollTop = anchor.node.offsetTop - anchor.offset;
      }
      renderJump(target);
      maybeLoadOlder();
    },
    scrollToBottom() {
      stick = true;
      toBottom();
      markSeen();
    },
    page(direction) {
      scroller.scrollBy({ top: direction * scroller.clientHeight * 0.85 });
    },
    atBottom: () => stick,
    scroller,
  };
}

/** Whether older messages can be loaded (a conversation just opened loads its latest page on opening). */
function hasOlder(target: TargetState): boolean {
  return target.more;
}

/** What the top of the list says when there is no button to load older messages. */
function edgeText(target: TargetState, cleared: boolean): string {
  if (target.loadingOlder) return 'Loading older messages…';
  if (cleared) return 'Earlier messages were cleared from this window.';
  if (target.kind === 'home') return '';
  return target.kind === 'dm'
    ? `This is the start of your conversation with ${target.label}.`
    : `This is the start of #${target.label}.`;
}
