import type { TargetState, TimeFormat } from 'aurora-client';
import { itemTs } from 'aurora-client';
import { markedName } from 'aurora-protocol';
import { displayWidth } from '../../core/wrap.js';
import type { PaneList } from './scroll.js';

/** How a target's lines are laid out at a width. */
export interface PaneLayout {
  /** The nick column: as wide as the longest member name, 4 to 12 columns (8 on narrow terminals). */
  readonly nickWidth: number;
  /** Whether item `index` starts a new day (and so gets a day line above it). */
  showDate(list: PaneList, index: number): boolean;
}

/** The layout of a target's transcript at `width` columns. */
export function layoutFor(target: TargetState, me: string, width: number, time: TimeFormat): PaneLayout {
  const names =
    target.kind === 'dm'
      ? [target.label, me]
      : [...target.members.map((m) => markedName(m.nick, m.account)), me];
  const longest = Math.max(0, ...names.map(displayWidth));
  const nickWidth = Math.min(width < 60 ? 8 : 12, Math.max(4, longest));
  return {
    nickWidth,
    showDate: (list, index) =>
      index === 0 || time.day(itemTs(list.itemAt(index))) !== time.day(itemTs(list.itemAt(index - 1))),
  };
}

/** The last row while scrolled up: how many messages arrived below, and how to get back. */
export function newMessagesMarker(count: number, width: number): string {
  const text =
    count > 0
      ? ` ↓ ${count} new message${count === 1 ? '' : 's'} · End to jump down `
      : ' ↓ more below · End to jump down ';
  const side = Math.max(0, Math.floor((width - displayWidth(text)) / 2));
  const line = `${'─'.repeat(side)}${text}${'─'.repeat(Math.max(0, width - side - displayWidth(text)))}`;
  return displayWidth(line) > width ? text.trim() : line;
}
