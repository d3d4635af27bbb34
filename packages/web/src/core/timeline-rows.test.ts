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
});
