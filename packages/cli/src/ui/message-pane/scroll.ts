import type { ChatItem, ItemList, PendingItem } from 'aurora-client';
import { lowerBound } from 'aurora-client';
import type { Line } from '../../core/render-line.js';

/**
 * Where the view is: following new messages, or pinned so that the bottom row shows line
 * `fromBottom` (counted from the item's last line) of the item with `order`. Pinning to an order,
 * not an index, keeps the view still when messages arrive below or history arrives above.
 */
export type Anchor =
  | { readonly follow: true }
  | {
      readonly follow: false;
      readonly order: number;
      readonly fromBottom: number;
      /** The order of the newest message when the user scrolled up: later ones are "new". */
      readonly seenOrder: number;
    };

/** The view follows new messages. */
export const FOLLOW: Anchor = { follow: true };

/** A target's transcript with its pending messages after it, without copying either. */
export interface PaneList {
  readonly count: number;
  itemAt(index: number): ChatItem | PendingItem;
  /** Order of an item; pending items sort after everything. */
  orderAt(index: number): number;
  /** Index of the last confirmed item whose order is at most `order`, or -1. */
  indexOf(order: number): number;
  /** How many messages are newer than `order`. */
  countAfter(order: number): number;
}

/** The list of a target: `items` then `pending`. */
export function paneList(items: ItemList, pending: readonly PendingItem[]): PaneList {
  return {
    count: items.length + pending.length,
    itemAt: (i) => (i < items.length ? items.get(i) : pending[i - items.length]!),
    orderAt: (i) => (i < items.length ? items.get(i).order : Number.POSITIVE_INFINITY),
    indexOf: (order) => lowerBound(items, Math.floor(order) + 1) - 1,
    countAfter: (order) => {
      let n = 0;
      for (let i = lowerBound(items, Math.floor(order) + 1); i < items.length; i++)
        if (items.get(i).kind === 'message') n++;
      return n;
    },
  };
}

/** What scrolling needs to know: the list, the pane height and each item's drawn lines. */
export interface Measure {
  readonly list: PaneList;
  readonly height: number;
  lines(index: number): readonly Line[];
}

/** A row position: an item and a line of it counted from its top. */
interface Position {
  readonly index: number;
  readonly line: number;
}

/** The rows to draw and what the pane shows about them. */
export interface PaneWindow {
  /** Exactly `height` rows, top to bottom; short content sits at the bottom. */
  readonly rows: readonly Line[];
  /** The first line of the oldest loaded item is visible: time to load older history. */
  readonly reachedTop: boolean;
  /** Messages that arrived below the view since the user scrolled up. */
  readonly newCount: number;
  /** The seq of the message after the first gap marker on screen: the history before it is missing. */
  readonly gapBefore?: number;
  /** The top row: a line of the item with this order. */
  readonly top?: { readonly order: number; readonly line: number };
}

/** Scrolls by `delta` rows: positive is up (older), negative down. Reaching the bottom follows again. */
export function scrollBy(anchor: Anchor, delta: number, measure: Measure): Anchor {
  const { list } = measure;
  if (list.count === 0) return FOLLOW;
  let { index, line } = clampTop(bottomOf(anchor, measure), measure);
  if (delta > 0) {
    let remaining = delta;
    while (remaining > 0) {
      if (line > 0) {
        const step = Math.min(line, remaining);
        line -= step;
        remaining -= step;
      } else if (index > 0) {
        index -= 1;
        line = measure.lines(index).length - 1;
        remaining -= 1;
      } else break;
    }
    ({ index, line } = clampTop({ index, line }, measure));
  } else {
    let remaining = -delta;
    while (remaining > 0) {
      const last = measure.lines(index).length - 1;
      if (line < last) {
        const step = Math.min(last - line, remaining);
        line += step;
        remaining -= step;
      } else if (index < list.count - 1) {
        index += 1;
        line = 0;
        remaining -= 1;
      } else break;
    }
  }
  return anchorFor({ index, line }, measure, anchor.follow ? newestOrder(list) : anchor.seenOrder);
}

/** The anchor with `position` as the bottom row: following when that is the newest line. */
function anchorFor(position: Position, measure: Measure, seenOrder: number): Anchor {
  const { list } = measure;
  const { index, line } = position;
  if (list.orderAt(index) === Number.POSITIVE_INFINITY) return FOLLOW;
  if (index === list.count - 1 && line >= measure.lines(index).length - 1) return FOLLOW;
  return {
    follow: false,
    order: list.orderAt(index),
    fromBottom: measure.lines(index).length - 1 - line,
    seenOrder,
  };
}

/**
 * The anchor that shows the item with `order` a third of the pane above the bottom (newer lines
 * below it, older above), or as low as the list allows; following when that is the newest screen.
 */
export function revealAnchor(order: number, measure: Measure): Anchor {
  const { list } = measure;
  const index = list.indexOf(order);
  if (index < 0) return FOLLOW;
  let position: Position = { index, line: measure.lines(index).length - 1 };
  for (let below = Math.floor(measure.height / 3); below > 0; below--) {
    const next = advance(position, measure);
    if (!next) break;
    position = next;
  }
  // Clamped after moving down, not before: near the top of what is loaded, clamping first would
  // put the bottom a pane's height down and then a third more, past the message.
  return anchorFor(clampTop(position, measure), measure, newestOrder(list));
}

/** Computes the rows to draw, walking back from the anchor only as far as the pane is tall. */
export function visibleWindow(anchor: Anchor, measure: Measure): PaneWindow {
  const { list, height } = measure;
  if (list.count === 0 || height <= 0)
    return { rows: Array(Math.max(0, height)).fill(''), reachedTop: true, newCount: 0 };
  const bottom = bottomOf(anchor, measure);
  const above: Line[] = [];
  let index = bottom.index;
  let lines = measure.lines(index);
  let line = bottom.line;
  let reachedTop = false;
  for (;;) {
    above.push(lines[line]!);
    if (above.length >= height) break;
    if (line > 0) line -= 1;
    else if (index > 0) {
      index -= 1;
      lines = measure.lines(index);
      line = lines.length - 1;
    } else {
      reachedTop = true;
      break;
    }
  }
  if (index === 0 && line === 0) reachedTop = true;
  const rows = above.reverse();
  // Scrolled near the top with little above: fill the rest from below instead of leaving a gap.
  let next: Position | undefined = advance(bottom, measure);
  let lastShown = bottom.index;
  while (rows.length < height && next) {
    rows.push(measure.lines(next.index)[next.line]!);
    lastShown = next.index;
    next = advance(next, measure);
  }
  while (rows.length < height) rows.unshift('');
  const newCount = anchor.follow ? 0 : list.countAfter(anchor.seenOrder);
  const gapBefore = firstGap(list, index, lastShown);
  return {
    rows,
    reachedTop,
    newCount,
    top: { order: list.orderAt(index), line },
    ...(gapBefore === undefined ? {} : { gapBefore }),
  };
}

/**
 * The anchor that keeps a line of the item with `order` (or of the last item before it, when it
 * went) as the top row: what was on screen stays put while a hole below it fills.
 */
export function pinTopAnchor(order: number, line: number, measure: Measure): Anchor {
  const { list } = measure;
  const index = Math.max(0, list.indexOf(order));
  if (list.count === 0) return FOLLOW;
  let position: Position = { index, line: Math.min(line, measure.lines(index).length - 1) };
  for (let below = measure.height - 1; below > 0; below--) {
    const next = advance(position, measure);
    if (!next) break;
    position = next;
  }
  return anchorFor(position, measure, newestOrder(list));
}

/** The seq of the message after the first gap marker among items `from` to `to`. */
function firstGap(list: PaneList, from: number, to: number): number | undefined {
  for (let i = from; i <= to; i++) {
    if (list.itemAt(i).kind !== 'gap' || i + 1 >= list.count) continue;
    const after = list.itemAt(i + 1);
    if (after.kind === 'message') return after.message.seq;
  }
  return undefined;
}

/** The bottom row's position for an anchor, clamped to the list. */
function bottomOf(anchor: Anchor, measure: Measure): Position {
  const { list } = measure;
  if (anchor.follow) {
    const index = list.count - 1;
    return { index, line: measure.lines(index).length - 1 };
  }
  const index = Math.max(0, list.indexOf(anchor.order));
  const count = measure.lines(index).length;
  return { index, line: Math.max(0, count - 1 - Math.min(anchor.fromBottom, count - 1)) };
}

/** Keeps the bottom row at least a pane's height below the very first line, so no scroll is wasted. */
function clampTop(position: Position, measure: Measure): Position {
  let top: Position = { index: 0, line: 0 };
  for (let left = measure.height - 1; left > 0; left--) {
    const next = advance(top, measure);
    if (!next) break;
    top = next;
  }
  return before(position, top) ? top : position;
}

function advance(position: Position, measure: Measure): Position | undefined {
  if (position.line < measure.lines(position.index).length - 1)
    return { index: position.index, line: position.line + 1 };
  if (position.index < measure.list.count - 1) return { index: position.index + 1, line: 0 };
  return undefined;
}

function before(a: Position, b: Position): boolean {
  return a.index < b.index || (a.index === b.index && a.line < b.line);
}

function newestOrder(list: PaneList): number {
  for (let i = list.count - 1; i >= 0; i--) {
    const order = list.orderAt(i);
    if (order !== Number.POSITIVE_INFINITY) return order;
  }
  return Number.NEGATIVE_INFINITY;
}
