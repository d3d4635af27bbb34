import type { ServerMessage } from 'aurora-protocol';
import { chat, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, type ChatState, chatReducer, initialChatState } from './chat-state.js';
import { itemWeight } from './item-list.js';
import { DEFAULT_TRANSCRIPT_BUDGET } from './transcript-budget.js';

const NOW = Date.UTC(2026, 2, 3, 13, 0, 0);
const server = (message: ServerMessage): ChatAction => ({
  type: 'connection',
  event: { type: 'server', message },
  now: NOW,
});
const budgeted = (perTarget: number, total: number): ChatState =>
  [server(welcome('alice'))].reduce(chatReducer, {
    ...initialChatState('alice'),
    transcriptBudget: { perTarget, total },
  });
const seqs = (state: ChatState, key: string) =>
  state.targets[key]!.items.toArray().flatMap((i) => (i.kind === 'message' ? [i.message.seq] : []));

describe('the transcript budget', () => {
  it('keeps a flooded room within its budget, dropping the oldest lines and keeping the newest', () => {
    let state = chatReducer(budgeted(20_000, 1_000_000), server(joined('dev')));
    for (let seq = 1; seq <= 2000; seq++)
      state = chatReducer(state, server(chat(seq, 'bob', 'x'.repeat(100))));
    const dev = state.targets.dev!;
    expect(dev.items.weight).toBeLessThanOrEqual(20_000);
    expect(dev.items.weight).toBe(dev.items.toArray().reduce((sum, item) => sum + itemWeight(item), 0));
    const kept = seqs(state, 'dev');
    expect(kept.at(-1)).toBe(2000);
    expect(kept.length).toBeGreaterThan(50);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 2001 - kept.length + i));
    // The dropped lines are still on the server: scrolling up pages them in again.
    expect(dev.more).toBe(true);
  });

  it('keeps all rooms and conversations together within the total', () => {
    let state = budgeted(20_000, 50_000);
    const rooms = ['a', 'b', 'c', 'd', 'e'];
    for (const room of rooms) state = chatReducer(state, server(joined(room)));
    for (let seq = 1; seq <= 300; seq++)
      for (const room of rooms)
        state = chatReducer(state, server(chat(seq, 'bob', 'y'.repeat(100), { room })));
    for (let seq = 1; seq <= 100; seq++)
      state = chatReducer(state, server(chat(seq, `p${seq}`, 'z'.repeat(100), { to: 'alice' })));
    const weights = Object.values(state.targets).map((t) => t.items.weight);
    expect(weights.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(50_000);
    for (const room of rooms) expect(seqs(state, room).at(-1)).toBe(300);
  });

  it('lets a normal day pass untouched', () => {
    let state = chatReducer(initialChatState('alice'), server(joined('dev')));
    for (let seq = 1; seq <= 5000; seq++)
      state = chatReducer(state, server(chat(seq, 'bob', `message number ${seq} of a long day`)));
    expect(seqs(state, 'dev')).toHaveLength(5000);
    expect(state.transcriptBudget).toBe(DEFAULT_TRANSCRIPT_BUDGET);
  });
});
