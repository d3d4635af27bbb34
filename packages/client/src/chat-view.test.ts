import type { ServerMessage } from 'aurora-protocol';
import { chat, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, type ChatState, chatReducer, initialChatState } from './chat-state.js';
import type { Outgoing } from './connection-types.js';

// What a view that can be out of sight (a browser tab) and a refused line's Retry and Discard do
// to the chat state.

const NOW = Date.UTC(2026, 2, 3, 13, 0, 0);
const server = (message: ServerMessage): ChatAction => ({
  type: 'connection',
  event: { type: 'server', message },
  now: NOW,
});
const run = (...actions: ChatAction[]) => actions.reduce(chatReducer, initialChatState('alice'));
const inDev = [server(welcome('alice')), server(joined('dev', { history: [chat(1, 'bob', 'hi')] }))];
const line = (cid: string): Outgoing => ({ cid, kind: 'say', target: 'dev', text: 'hello', createdAt: NOW });
const pending = (state: ChatState) =>
  state.targets.dev!.pending.map((p) => `${p.outgoing.cid}:${p.state}${p.note ? `:${p.note}` : ''}`);

describe('a view out of sight', () => {
  it('counts what arrives in the target on screen as unread, and reads it when shown again', () => {
    const hidden = run(...inDev, { type: 'visibility', visible: false }, server(chat(2, 'bob', 'alice?')));
    expect(hidden.targets.dev).toMatchObject({ unread: 1, mentions: 1 });
    const shown = chatReducer(hidden, { type: 'visibility', visible: true });
    expect(shown.targets.dev).toMatchObject({ unread: 0, mentions: 0 });
  });

  it('keeps the counts of a target shown while out of sight', () => {
    const state = run(
      server(welcome('alice')),
      server(joined('dev')),
      server(joined('ops')),
      { type: 'visibility', visible: false },
      server(chat(1, 'bob', 'in ops', { room: 'ops' })),
      { type: 'select', target: 'ops' },
    );
    expect(state.current).toBe('ops');
    expect(state.targets.ops!.unread).toBe(1);
  });
});

describe('a refused line', () => {
  const refused = [
    ...inDev,
    { type: 'sent', outgoing: line('c1') } as const,
    {
      type: 'connection',
      event: { type: 'send-failed', cid: 'c1', code: 'too_long', message: 'too long' },
      now: NOW,
    } as const,
  ];

  it('goes when discarded', () => {
    const state = run(...refused);
    expect(pending(state)).toEqual(['c1:failed:too long']);
    expect(pending(chatReducer(state, { type: 'discard', cid: 'c1' }))).toEqual([]);
  });

  it('is sending again in its place when handed to the outbox again', () => {
    const state = run(
      ...refused,
      { type: 'sent', outgoing: line('c2') },
      {
        type: 'resent',
        cid: 'c1',
        outgoing: line('c3'),
      },
    );
    expect(pending(state)).toEqual(['c3:sending', 'c2:sending']);
  });
});

describe('a notice', () => {
  it('goes to the target it names when that is open, else to the one on screen', () => {
    const state = run(
      server(welcome('alice')),
      server(joined('dev')),
      server(joined('ops')),
      { type: 'notice', text: 'for ops', tone: 'info', now: NOW, target: 'ops' },
      { type: 'notice', text: 'for nowhere', tone: 'info', now: NOW, target: 'gone' },
    );
    const notices = (key: string) =>
      state.targets[key]!.items.toArray().flatMap((item) => (item.kind === 'notice' ? [item.text] : []));
    expect(notices('ops')).toEqual(['for ops']);
    expect(notices(state.current)).toEqual(['for nowhere']);
  });
});

describe('targets a server opens', () => {
  it('never opens a room by a message, only by joining it', () => {
    const state = run(server(welcome('alice')), server(chat(1, 'bob', 'sneaky', { room: 'elsewhere' })));
    expect(state.targets.elsewhere).toBeUndefined();
  });

  it('opens conversations within the budget, closing the one open longest that is not on screen', () => {
    const budget = { perTarget: 1_000_000, total: 8_000_000, targets: 3 };
    const start = { ...initialChatState('alice'), transcriptBudget: budget };
    const dm = (seq: number, from: string) => server(chat(seq, from, 'hi', { to: 'alice' }));
    const state = [
      server(welcome('alice')),
      server(joined('dev')),
      dm(1, 'bob'),
      dm(1, 'carol'),
      dm(1, 'dave'),
    ].reduce(chatReducer, start);
    expect(state.order).toEqual(['*', 'dev', '@carol', '@dave']);
    // With every other conversation holding unsent lines (or on screen), a new one stays closed.
    const busy = chatReducer(
      chatReducer(state, { type: 'sent', outgoing: { ...line('c1'), target: '@carol' } }),
      {
        type: 'sent',
        outgoing: { ...line('c2'), target: '@dave' },
      },
    );
    expect(chatReducer(busy, dm(1, 'erin')).targets['@erin']).toBeUndefined();
  });
});
