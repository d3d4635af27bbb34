import { describe, expect, it } from 'vitest';
import { type ChatAction, chatReducer } from './chat-reducer.js';
import { type ChatState, initialState } from './chat-state.js';
import { dueMessages, frameFor, nextRetryAt } from './outbox.js';
import { joined, welcome } from './test-frames.js';

const NOW = 1_700_000_000_000;
const run = (state: ChatState, ...actions: ChatAction[]) => actions.reduce(chatReducer, state);
const send = (cid: string, target: string, kind: 'chat' | 'action' | 'dm' = 'chat'): ChatAction => ({
  type: 'send',
  cid,
  target,
  kind,
  text: `text ${cid}`,
  now: NOW,
});

function online(): ChatState {
  return run(
    initialState(),
    { type: 'join-requested', nick: 'alice', room: 'dev' },
    { type: 'server', message: welcome('alice'), now: NOW },
    { type: 'connection', status: 'online' },
    { type: 'server', message: joined('dev'), now: NOW },
    { type: 'open-dm', nick: 'Bob' },
  );
}

const cids = (state: ChatState, now = NOW) => dueMessages(state, now).map((p) => p.cid);

describe('dueMessages', () => {
  it('sends each message once per connection, oldest first', () => {
    let state = run(online(), send('c1', 'dev'), send('c2', '@bob', 'dm'));
    expect(cids(state)).toEqual(['c1', 'c2']);
    state = chatReducer(state, { type: 'sent', cids: ['c1', 'c2'] });
    expect(cids(state)).toEqual([]);
  });

  it('sends nothing while offline, and everything unacknowledged after reconnecting', () => {
    let state = run(online(), send('c1', 'dev'), { type: 'sent', cids: ['c1'] }, send('c2', 'dev'));
    state = chatReducer(state, { type: 'connection', status: 'reconnecting' });
    expect(cids(state)).toEqual([]);
    state = run(
      state,
      { type: 'server', message: welcome('alice'), now: NOW },
      { type: 'connection', status: 'online' },
    );
    expect(cids(state)).toEqual([]);
    state = chatReducer(state, { type: 'server', message: joined('dev'), now: NOW });
    expect(cids(state)).toEqual(['c1', 'c2']);
  });

  it('holds later messages behind one the server asked to slow down, to keep their order', () => {
    let state = run(online(), send('c1', 'dev'), send('c2', 'dev'), {
      type: 'sent',
      cids: ['c1', 'c2'],
    });
    state = run(
      state,
      {
        type: 'server',
        message: { type: 'error', code: 'rate_limited', message: 'slow', cid: 'c1', retryAfterMs: 500 },
        now: NOW,
      },
      {
        type: 'server',
        message: { type: 'error', code: 'rate_limited', message: 'slow', cid: 'c2', retryAfterMs: 500 },
        now: NOW,
      },
      send('c3', 'dev'),
    );
    expect(cids(state)).toEqual([]);
    expect(nextRetryAt(state)).toBe(NOW + 500);
    expect(cids(state, NOW + 500)).toEqual(['c1']);
  });

  it('after a rate limit, sends one message at a time until the held-back ones are stored', () => {
    let state = run(online(), send('c1', 'dev'), send('c2', 'dev'), send('c3', 'dev'), {
      type: 'sent',
      cids: ['c1', 'c2', 'c3'],
    });
    const limited = (cid: string) => ({
      type: 'server' as const,
      message: { type: 'error' as const, code: 'rate_limited', message: 'slow', cid, retryAfterMs: 500 },
      now: NOW,
    });
    const ack = (cid: string, seq: number) => ({
      type: 'server' as const,
      message: { type: 'ack' as const, cid, id: `m${seq}`, seq, ts: NOW },
      now: NOW,
    });
    state = run(state, ack('c1', 1), limited('c2'), limited('c3'));
    expect(cids(state, NOW + 500)).toEqual(['c2']);
    state = run(state, { type: 'sent', cids: ['c2'] });
    // Nothing more while c2 is on its way.
    expect(cids(state, NOW + 500)).toEqual([]);
    state = run(state, ack('c2', 2));
    expect(cids(state, NOW + 500)).toEqual(['c3']);
    state = run(state, { type: 'sent', cids: ['c3'] }, ack('c3', 3), send('c4', 'dev'), send('c5', 'dev'));
    // All stored: new messages go out together again.
    expect(cids(state, NOW + 500)).toEqual(['c4', 'c5']);
  });

  it('skips messages the server refused until the user retries them', () => {
    let state = run(online(), send('c1', 'dev'), send('c2', 'dev'), {
      type: 'server',
      message: { type: 'error', code: 'text_invalid', message: 'too long', cid: 'c1' },
      now: NOW,
    });
    expect(cids(state)).toEqual(['c2']);
    state = chatReducer(state, { type: 'retry', cid: 'c1' });
    expect(cids(state)).toEqual(['c1', 'c2']);
  });
});

describe('frameFor', () => {
  it('builds say, action and dm frames with the original cid', () => {
    const state = run(online(), send('c1', 'dev'), send('c2', 'dev', 'action'), send('c3', '@bob', 'dm'));
    expect(state.pending.map((p) => frameFor(state, p))).toEqual([
      { type: 'say', room: 'dev', text: 'text c1', cid: 'c1' },
      { type: 'action', room: 'dev', text: 'text c2', cid: 'c2' },
      { type: 'dm', to: 'Bob', text: 'text c3', cid: 'c3' },
    ]);
  });
});
