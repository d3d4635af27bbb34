import { type ChatAction, chatReducer, initialChatState, type PendingItem } from 'aurora-client';
import { type ChatMessage, EMPTY_PREFS, type ServerMessage } from 'aurora-protocol';
import { chat, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type DayRules, messageAt, timelineRows } from './timeline-rows.js';

const DAY = 86_400_000;
const days: DayRules = {
  label: (ts) => `day ${Math.floor(ts / DAY)}`,
  differ: (a, b) => Math.floor(a / DAY) !== Math.floor(b / DAY),
};
const at = (seq: number, ts: number) => chat(seq, 'bob', `m${seq}`, { ts });
const server = (message: ServerMessage): ChatAction => ({
  type: 'connection',
  event: { type: 'server', message },
  now: DAY,
});

/** #dev's transcript in the engine after `history`, then `more` live messages and notices. */
function transcript(history: ChatMessage[], ...more: (ChatMessage | string)[]) {
  let state = [server(welcome('alice')), server(joined('dev', { history }))].reduce(
    chatReducer,
    initialChatState('alice'),
  );
  for (const next of more)
    state = chatReducer(
      state,
      typeof next === 'string'
        ? { type: 'notice', text: next, tone: 'info', now: DAY, target: 'dev' }
        : server(next),
    );
  return state.targets.dev!.items;
}
const rows = (items: ReturnType<typeof transcript>, pending: PendingItem[] = [], rules = days) =>
  timelineRows(items, pending, EMPTY_PREFS, rules);

describe('timelineRows', () => {
  it('starts each day with a separator', () => {
    const items = transcript([at(1, DAY + 5), at(2, DAY + 9), at(3, 2 * DAY + 1)]);
    expect(rows(items).map((r) => r.key)).toEqual(['d1:day 1', 'm1', 'm2', 'd3:day 2', 'm3']);
  });

  it('marks the place where messages are missing', () => {
    const items = transcript([at(1, DAY), at(2, DAY)], at(7, DAY));
    expect(rows(items).map((r) => r.kind)).toEqual(['day', 'message', 'message', 'gap', 'message']);
  });

  it('keeps notices where they were added and pending messages last', () => {
    const items = transcript([at(1, DAY)], 'Rooms: dev');
    const outgoing = (cid: string) => ({
      cid,
      kind: 'say' as const,
      target: 'dev',
      text: cid,
      createdAt: DAY,
    });
    const pending: PendingItem[] = [
      { kind: 'pending', outgoing: outgoing('a'), state: 'sending' },
      { kind: 'pending', outgoing: outgoing('b'), state: 'failed', note: 'no' },
    ];
    expect(rows(items, pending).map((r) => r.kind)).toEqual([
      'day',
      'message',
      'notice',
      'pending',
      'pending',
    ]);
    expect(
      rows(items, pending)
        .slice(-2)
        .map((r) => r.key),
    ).toEqual(['pa:sending', 'pb:failed']);
  });

  it('draws a run of joins and leaves as one row, with the sentence the terminal shows', () => {
    const notice = (seq: number, kind: 'join' | 'leave', nick = 'watcher') =>
      chat(seq, nick, `${nick} ${kind}`, { kind: 'system', event: { kind, nick }, ts: DAY + seq });
    const messages = [at(1, DAY), notice(2, 'join'), notice(3, 'leave'), notice(4, 'join')];
    const items = transcript([...messages, notice(5, 'leave'), notice(6, 'join', 'pat'), at(7, DAY + 7)]);
    expect(rows(items).slice(1)).toEqual([
      expect.objectContaining({ kind: 'message', key: 'm1' }),
      { key: 'r2-6', kind: 'run', text: 'watcher joined and left 2 times, pat joined', ts: DAY + 2 },
      expect.objectContaining({ kind: 'message', key: 'm7' }),
    ]);
    // A run growing at the bottom gets a new key, so the page draws its row again.
    expect(rows(transcript(messages)).at(-1)).toMatchObject({ key: 'r2-4' });
    expect(rows(transcript(messages, notice(5, 'leave'))).at(-1)).toMatchObject({
      key: 'r2-5',
      text: 'watcher joined and left 2 times',
    });
  });

  it('breaks runs at a gap, a new day and a notice', () => {
    const notice = (seq: number, ts = DAY + seq) =>
      chat(seq, 'pat', 'pat joined', { kind: 'system', event: { kind: 'join', nick: 'pat' }, ts });
    const items = transcript(
      [notice(1), notice(2)],
      notice(4),
      'note',
      notice(5, 2 * DAY),
      notice(6, 2 * DAY + 1),
    );
    expect(
      rows(items).map((r) => (r.kind === 'run' || r.kind === 'day' || r.kind === 'message' ? r.key : r.kind)),
    ).toEqual(['d1:day 1', 'r1-2', 'gap', 'm4', 'notice', 'd5:day 2', 'r5-6']);
  });

  it('hides joins, leaves and renames in a room that hides them, and edit events always', () => {
    const notice = (seq: number) =>
      chat(seq, 'pat', 'pat joined', { kind: 'system', event: { kind: 'join', nick: 'pat' }, ts: DAY + seq });
    const items = transcript([at(1, DAY), notice(2), notice(3), at(4, DAY + 4)]);
    expect(rows(items, [], { ...days, hideMembership: true }).map((r) => r.key)).toEqual([
      'd1:day 1',
      'm1',
      'm4',
    ]);
  });

  it('keys a reply by the state of the message it quotes, found by seq', () => {
    const items = transcript([at(1, DAY), { ...at(2, DAY), replyTo: 1 }]);
    expect(messageAt(items, 1)?.text).toBe('m1');
    expect(messageAt(items, 3)).toBeUndefined();
    const edited = transcript([
      { ...at(1, DAY), rev: 3, edited: DAY },
      { ...at(2, DAY), replyTo: 1 },
    ]);
    expect(rows(edited).map((r) => r.key)).toEqual(['d1:day 1', 'm1.3', 'm2q3']);
  });
});
