import { hidesMembership, type QuietJoins, type TimeFormat } from 'aurora-client';
import { sameName } from 'aurora-protocol';
import type { PendingMessage, TargetKey, TargetState } from '../core/chat-state.js';
import { latestSeq } from '../core/timeline.js';
import { type Row, timelineRows } from '../core/timeline-rows.js';
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
  readonly loadOlder: (target: TargetKey) => void;
  readonly pendingActions: PendingActions;
  /** The message actions (see `ItemContext.act`). */
  readonly act?: (line: string, run: boolean) => void;
  /** Rooms with more members than this hide joins, leaves and renames (default: this browser's setting). */
  readonly quietJoins?: QuietJoins;
}

/** What the message list shows. */
export interface MessageListInput {
  readonly target: TargetState | undefined;
  readonly pending: readonly PendingMessage[];
  readonly me: string | undefined;
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
    if (shown?.target) seenSeq = latestSeq(shown.target.entries);
    jump.hidden = true;
  }

  function maybeLoadOlder(): void {
    const target = shown?.target;
    if (target?.hasOlder && !target.loadingOlder && scroller.scrollTop < LOAD_OLDER_WITHIN)
      options.loadOlder(target.key);
  }

  function build(row: Row, input: MessageListInput): HTMLLIElement {
    const quoted = (seq: number) => {
      const entry = input.target?.entries.find((e) => e.type === 'message' && e.seq === seq);
      return entry?.type === 'message' ? entry.message : undefined;
    };
    const context = {
      time: options.time,
      me: input.me,
      quoted,
      ...(options.act ? { act: options.act } : {}),
    };
    switch (row.kind) {
      case 'day':
        return dayItem(row.label);
      case 'gap':
        return gapItem();
      case 'message':
        return messageItem(row.message, context);
      case 'notice':
        return noticeItem(row.text, row.tone);
      case 'run':
        return runItem(row, context);
      case 'pending':
        return pendingItem(row.pending, context, options.pendingActions);
    }
  }

  function renderEdge(target: TargetState): void {
    if (target.hasOlder && !target.loadingOlder) {
      if (!edge.querySelector('button')) {
        const button = h('button', { type: 'button', class: 'link-button' }, 'Load older messages');
        button.addEventListener('click', () => shown?.target && options.loadOlder(shown.target.key));
        edge.replaceChildren(button);
      }
      return;
    }
    setText(edge, edgeText(target));
  }

  function renderJump(target: TargetState, me: string | undefined): void {
    if (stick) {
      markSeen();
      return;
    }
    let count = 0;
    for (const entry of target.entries) {
      if (entry.type !== 'message' || entry.seq <= seenSeq || entry.message.kind === 'system') continue;
      if (me === undefined || !sameName(entry.message.from, me)) count++;
    }
    jump.hidden = count === 0;
    setText(jump, `${count} new message${count === 1 ? '' : 's'} ↓`);
  }

  return {
    element,
    render(input) {
      const { target } = input;
      const stamp = options.time.relativeDay(input.now, input.now);
      const switched = target?.key !== shown?.target?.key || input.me !== shown?.me;
      const unchanged =
        !switched &&
        target?.entries === shown?.target?.entries &&
        input.pending === shown?.pending &&
        target?.hasOlder === shown?.target?.hasOlder &&
        target?.loadingOlder === shown?.target?.loadingOlder &&
        stamp === dayStamp;
      shown = input;
      dayStamp = stamp;
      if (unchanged) return;
      if (switched) {
        list.replaceChildren();
        cache.clear();
        stick = true;
        const label = target
          ? target.isDm
            ? `Messages with ${target.name}`
            : `Messages in #${target.name}`
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
      const rows = timelineRows(target.entries, input.pending, {
        label: (ts) => options.time.relativeDay(ts, input.now),
        differ: (a, b) => options.time.day(a) !== options.time.day(b),
        hideMembership: !target.isDm && hidesMembership(quietJoins, target.members.length),
      });
      const byKey = new Map(rows.map((row) => [row.key, row]));
      syncChildren(
        list,
        rows.map((row) => row.key),
        cache,
        (key) => build(byKey.get(key)!, input),
      );
      renderEdge(target);
      if (stick) toBottom();
      else {
        const anchor = anchors.find((a) => a.node.isConnected);
        if (anchor) scroller.scrollTop = anchor.node.offsetTop - anchor.offset;
      }
      renderJump(target, input.me);
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

/** What the top of the list says when there is no button to load older messages. */
function edgeText(target: TargetState): string {
  if (target.loadingOlder) return 'Loading older messages…';
  if (target.cleared) return 'Earlier messages were cleared from this window.';
  return target.isDm
    ? `This is the start of your conversation with ${target.name}.`
    : `This is the start of #${target.name}.`;
}
