import { chat } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import type { PendingMessage } from './chat-state.js';
import { appendNotice, mergeMessages } from './timeline.js';
import { type DayRules, timelineRows } from './timeline-rows.js';

const DAY = 86_400_000;
const days: DayRules = {
  label: (ts) => `day ${Math.floor(ts / DAY)}`,
  differ: (a, b) => Math.floor(a / DAY) !== Math.floor(b / DAY),
};
const at = (seq: number, ts: number) => chat(seq, 'bob', `m${seq}`, { ts });

describe('timelineRows', () => {
  it('starts each day with a separator', () => {
    const entries = mergeMessages([], [at(1, DAY + 5), at(2, DAY + 9), at(3, 2 * DAY + 1)]);
    expect(timelineRows(entries, [], days).map((r) => r.key)).toEqual([
      'd1:day 1',
      'm1',
      'm2',
      'd3:day 2',
      'm3',
    ]);
  });

  it('marks the place where messages are missing', () => {
    const entries = mergeMessages([], [at(1, DAY), at(2, DAY), at(7, DAY)]);
    expect(timelineRows(entries, [], days).map((r) => r.kind)).toEqual([
      'day',
      'message',
      'message',
      'gap',
      'message',
    ]);
  });

  it('keeps notices where they were added and pending messages last', () => {
    const entries = appendNotice(mergeMessages([], [at(1, DAY)]), 'Rooms: #dev', 'info', 4);
    const pending: PendingMessage[] = [
      { cid: 'a', target: 'dev', kind: 'chat', text: 'x', createdAt: DAY },
      { cid: 'b', target: 'dev', kind: 'chat', text: 'y', createdAt: DAY, failure: 'no' },
    ];
    expect(timelineRows(entries, pending, days).map((r) => r.key)).toEqual([
      'd1:day 1',
      'm1',
      'n4',
      'pa:sending',
      'pb:failed',
    ]);
  });

  it('draws a run of joins and leaves as one row, with the sentence the terminal shows', () => {
    const notice = (seq: number, kind: 'join' | 'leave', nick = 'watcher') =>
      chat(seq, nick, `${nick} ${kind}`, { kind: 'system', event: { kind, nick }, ts: DAY + seq });
    const messages = [at(1, DAY), notice(2, 'join'), notice(3, 'leave'), notice(4, 'join')];
    const entries = mergeMessages(
      [],
      [...messages, notice(5, 'leave'), notice(6, 'join', 'pat'), at(7, DAY + 7)],
    );
    expect(timelineRows(entries, [], days).slice(1)).toEqual([
      expect.objectContaining({ kind: 'message', key: 'm1' }),
      { key: 'r2-6', kind: 'run', text: 'watcher joined and left 2 times, pat joined', ts: DAY + 2 },
      expect.objectContaining({ kind: 'message', key: 'm7' }),
    ]);
    // A run growing at the bottom gets a new key, so the page draws its row again.
    const growing = mergeMessages([], messages);
    expect(timelineRows(growing, [], days).at(-1)).toMatchObject({ key: 'r2-4' });
    const grown = mergeMessages(growing, [notice(5, 'leave')]);
    expect(timelineRows(grown, [], days).at(-1)).toMatchObject({
      key: 'r2-5',
      text: 'watcher joined and left 2 times',
    });
  });

  it('breaks runs at a gap, a new day and a notice, and shows a lone notice as it is', () => {
    const notice = (seq: number, ts = DAY + seq) =>
      chat(seq, 'pat', 'pat joined', { kind: 'system', event: { kind: 'join', nick: 'pat' }, ts });
    const entries = appendNotice(mergeMessages([], [notice(1), notice(2), notice(4)]), 'note', 'info', 1);
    const later = mergeMessages(entries, [notice(5, 2 * DAY), notice(6, 2 * DAY + 1)]);
    expect(timelineRows(later, [], days).map((r) => r.key)).toEqual([
      'd1:day 1',
      'r1-2',
      'g4',
      'm4',
      'n1',
      'd5:day 2',
      'r5-6',
    ]);
  });

  it('hides joins, leaves and renames in a room that hides them, without a false gap', () => {
    const notice = (seq: number) =>
      chat(seq, 'pat', 'pat joined', { kind: 'system', event: { kind: 'join', nick: 'pat' }, ts: DAY + seq });
    const entries = mergeMessages([], [at(1, DAY), notice(2), notice(3), at(4, DAY + 4)]);
    expect(timelineRows(entries, [], { ...days, hideMembership: true }).map((r) => r.key)).toEqual([
      'd1:day 1',
      'm1',
      'm4',
    ]);
  });
});
