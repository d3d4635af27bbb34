import {
  type ChatItem,
  CONDENSED_RUN_MIN,
  continuesRun,
  type MembershipEvent,
  membershipEvent,
  type PendingItem,
  runSentence,
} from 'aurora-client';
import type { ChatMessage } from 'aurora-protocol';
import type { Line, LineRenderer } from '../../core/render-line.js';
import type { PaneList } from './scroll.js';

/** How the pane draws runs of joins, leaves and renames. */
export interface QuietRules {
  /** The room hides them (it has more members than `--quiet-joins`). */
  readonly hide: boolean;
  /** Whether two times fall on different local days: a new day starts a new run. */
  daysDiffer(a: number, b: number): boolean;
  /** Draws a run's condensed line under the time of its first notice. */
  drawRun(ts: number, text: string, showDate: boolean): readonly Line[];
}

/** Draws item `index` of a list: its lines, a run's one line, or none. */
export type PaneLines = (list: PaneList, index: number, showDate: boolean) => readonly Line[];

const NONE: readonly Line[] = [];

/**
 * The lines of each item with runs condensed: the first notice of a run of two or more draws the
 * run's one line, the others draw none (scrolling passes over them); in a room that hides them,
 * each draws nothing but the day line it may start. A run's line is cached on its first notice
 * and checked against the run's end, so a run growing at the bottom is drawn again, and nothing
 * else is.
 */
export function createPaneLines(render: LineRenderer, rules: QuietRules): PaneLines {
  const runs = new WeakMap<
    object,
    { last: ChatItem; length: number; showDate: boolean; lines: readonly Line[] }
  >();
  const messageAt = (list: PaneList, index: number): ChatMessage | undefined => {
    const item = index >= 0 && index < list.count ? list.itemAt(index) : undefined;
    return item?.kind === 'message' ? item.message : undefined;
  };
  const continues = (list: PaneList, index: number): boolean => {
    const previous = messageAt(list, index - 1);
    const next = messageAt(list, index);
    return previous !== undefined && next !== undefined && continuesRun(previous, next, rules.daysDiffer);
  };

  return (list, index, showDate) => {
    const item: ChatItem | PendingItem = list.itemAt(index);
    if (item.kind !== 'message' || membershipEvent(item.message) === undefined) return render(item, showDate);
    if (rules.hide) return showDate ? render(item, true).slice(0, 1) : NONE;
    if (continues(list, index)) return NONE;
    const hit = runs.get(item);
    if (
      hit &&
      hit.showDate === showDate &&
      list.itemAt(index + hit.length - 1) === hit.last &&
      !continues(list, index + hit.length)
    )
      return hit.lines;
    const events: MembershipEvent[] = [membershipEvent(item.message)!];
    let end = index + 1;
    for (; continues(list, end); end++) events.push(membershipEvent(messageAt(list, end)!)!);
    if (events.length < CONDENSED_RUN_MIN) return render(item, showDate);
    const lines = rules.drawRun(item.message.ts, runSentence(events), showDate);
    runs.set(item, { last: list.itemAt(end - 1) as ChatItem, length: events.length, showDate, lines });
    return lines;
  };
}
