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

/**
 * What scrolling needs to know: the list, the pane height and each item's drawn lines. An item may
 * draw none (a notice folded into the condensed line of its run, or hidden in a big room): walking
 * the rows passes over it.
 */
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
  const bottom = bottomOf(anchor, measure);
  if (!bottom) return FOLLOW;
  let position = clampTop(bottom, measure);
  const step = delta > 0 ? retreat : advance;
  for (let remaining = Math.abs(delta); remaining > 0; remaining--) {
    const next = step(position, measure);
    if (!next) break;
    position = next;
  }
  if (delta > 0) position = clampTop(position, measure);
  return anchorFor(position, measure, anchor.follow ? newestOrder(list) : anchor.seenOrder);
}

/** The anchor with `position` as the bottom row: following when that is the newest line. */
function anchorFor(position: Position, measure: Measure, seenOrder: number): Anchor {
  const { list } = measure;
  const { index, line } = position;
  if (list.orderAt(index) === Number.POSITIVE_INFINITY) return FOLLOW;
  if (!advance(position, measure)) return FOLLOW;
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
  const found = list.indexOf(order);
  const index = found < 0 ? -1 : shownNear(found, measure);
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
  const bottom = height > 0 ? bottomOf(anchor, measure) : undefined;
  if (!bottom) return { rows: Array(Math.max(0, height)).fill(''), reachedTop: true, newCount: 0 };
  const above: Line[] = [];
  let top = bottom;
  for (;;) {
    above.push(measure.lines(top.index)[top.line]!);
    if (above.length >= height) break;
    const previous = retreat(top, measure);
    if (!previous) break;
    top = previous;
  }
  const { index, line } = top;
  const reachedTop = !retreat(top, measure);
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
  const index = list.count === 0 ? -1 : shownNear(Math.max(0, list.indexOf(order)), measure);
  if (index < 0) return FOLLOW;
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

/**
 * The bottom row's position for an anchor, clamped to the list; undefined when no item draws a row.
 * An anchor on an item that draws none (it joined a condensed run) holds the row that stands for it.
 */
function bottomOf(anchor: Anchor, measure: Measure): Position | undefined {
  const { list } = measure;
  if (anchor.follow) {
    const index = shownAtOrBefore(list.count - 1, measure);
    return index < 0 ? undefined : { index, line: measure.lines(index).length - 1 };
  }
  const anchored = Math.max(0, list.indexOf(anchor.order));
  const index = shownNear(anchored, measure);
  if (index < 0) return undefined;
  const count = measure.lines(index).length;
  if (index !== anchored) return { index, line: count - 1 };
  return { index, line: Math.max(0, count - 1 - Math.min(anchor.fromBottom, count - 1)) };
}

/** Keeps the bottom row at least a pane's height below the very first line, so no scroll is wasted. */
function clampTop(position: Position, measure: Measure): Position {
  const first = shownAtOrAfter(0, measure);
  if (first >= measure.list.count) return position;
  let top: Position = { index: first, line: 0 };
  for (let left = measure.height - 1; left > 0; left--) {
    const next = advance(top, measure);
    if (!next) break;
    top = next;
  }
  return before(position, top) ? top : position;
}

/** The row below `position`, passing over items that draw none; undefined at the last row. */
function advance(position: Position, measure: Measure): Position | undefined {
  if (position.line < measure.lines(position.index).length - 1)
    return { index: position.index, line: position.line + 1 };
  const index = shownAtOrAfter(position.index + 1, measure);
  return index < measure.list.count ? { index, line: 0 } : undefined;
}

/** The row above `position`, passing over items that draw none; undefined at the first row. */
function retreat(position: Position, measure: Measure): Position | undefined {
  if (position.line > 0) return { index: position.index, line: position.line - 1 };
  const index = shownAtOrBefore(position.index - 1, measure);
  return index < 0 ? undefined : { index, line: measure.lines(index).length - 1 };
}

/** The last item at or before `index` that draws rows, or -1. */
function shownAtOrBefore(index: number, measure: Measure): number {
  let i = index;
  while (i >= 0 && measure.lines(i).length === 0) i--;
  return i;
}

/** The first item at or after `index` that draws rows, or the list's length. */
function shownAtOrAfter(index: number, measure: Measure): number {
  let i = index;
  while (i < measure.list.count && measure.lines(i).length === 0) i++;
  return i;
}

/** The item drawn for item `index`: itself, the run line above it, or the first shown after it; -1 if none. */
function shownNear(index: number, measure: Measure): number {
  const before = shownAtOrBefore(index, measure);
  if (before >= 0) return before;
  const after = shownAtOrAfter(index, measure);
  return after < measure.list.count ? after : -1;
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
