import type { ClientMessageInput } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { type ChatAction, chatReducer } from './chat-reducer.js';
import { initialState } from './chat-state.js';
import { fakeClock } from './fake-clock.js';
import { createOutboxPump } from './outbox-pump.js';
import { createStore } from './store.js';
import { joined, welcome } from './test-frames.js';

function setup() {
  const clock = fakeClock();
  const store = createStore(chatReducer, initialState());
  const wire: ClientMessageInput[] = [];
  const pump = createOutboxPump({
    getState: store.getState,
    send: (frame) => wire.push(frame) > 0,
    dispatch: store.dispatch,
    clock,
  });
  const now = clock.now();
  const actions: ChatAction[] = [
    { type: 'join-requested', nick: 'alice', room: 'dev' },
    { type: 'server', message: welcome('alice'), now },
    { type: 'connection', status: 'online' },
    { type: 'server', message: joined('dev'), now },
  ];
  for (const action of actions) store.dispatch(action);
  const write = (cid: string) =>
    store.dispatch({ type: 'send', cid, target: 'dev', kind: 'chat', text: cid, now: clock.now() });
  return { clock, store, wire, pump, write };
}

describe('createOutboxPump', () => {
  it('sends each written message once', () => {
    const { wire, pump, write } = setup();
    write('a');
    pump.flush();
    pump.flush();
    expect(wire).toEqual([{ type: 'say', room: 'dev', text: 'a', cid: 'a' }]);
  });

  it('sends a rate-limited message again, in order, when the server said it may', () => {
    const { clock, store, wire, pump, write } = setup();
    write('a');
    write('b');
    pump.flush();
    for (const cid of ['a', 'b'])
      store.dispatch({
        type: 'server',
        message: { type: 'error', code: 'rate_limited', message: 'slow down', cid, retryAfterMs: 500 },
        now: clock.now(),
      });
    pump.flush();
    expect(wire.map((f) => f.type === 'say' && f.cid)).toEqual(['a', 'b']);
    clock.advance(499);
    expect(wire).toHaveLength(2);
    clock.advance(1);
    // One at a time until the held-back ones are stored: b follows a's acknowledgement.
    expect(wire.map((f) => f.type === 'say' && f.cid)).toEqual(['a', 'b', 'a']);
    store.dispatch({
      type: 'server',
      message: { type: 'ack', cid: 'a', id: 'm1', seq: 1, ts: clock.now() },
      now: clock.now(),
    });
    pump.flush();
    expect(wire.map((f) => f.type === 'say' && f.cid)).toEqual(['a', 'b', 'a', 'b']);
  });

  it('keeps a direct message written during an outage until its recipient is back too', () => {
    const { clock, store, wire, pump, write } = setup();
    // The server went away; alice writes to bob, then is welcomed again before bob is back.
    store.dispatch({ type: 'open-dm', nick: 'bob' });
    store.dispatch({ type: 'connection', status: 'reconnecting' });
    store.dispatch({ type: 'send', cid: 'd1', target: '@bob', kind: 'dm', text: 'hi', now: clock.now() });
    clock.advance(1000);
    store.dispatch({ type: 'server', message: welcome('alice'), now: clock.now() });
    store.dispatch({ type: 'connection', status: 'online' });
    store.dispatch({ type: 'server', message: joined('dev'), now: clock.now() });
    pump.flush();
    const refuse = () =>
      store.dispatch({
        type: 'server',
        message: { type: 'error', code: 'no_such_user', message: 'nobody called bob is online', cid: 'd1' },
        now: clock.now(),
      });
    refuse();
    pump.flush();
    expect(store.getState().pending[0]).toMatchObject({ cid: 'd1', inFlight: false });
    expect(store.getState().pending[0]?.failure).toBeUndefined();
    // Other messages do not wait for bob.
    write('a');
    pump.flush();
    expect(wire.map((f) => ('cid' in f ? f.cid : f.type))).toEqual(['d1', 'a']);
    clock.advance(2000);
    expect(wire.map((f) => ('cid' in f ? f.cid : f.type))).toEqual(['d1', 'a', 'd1']);
    store.dispatch({
      type: 'server',
      message: { type: 'ack', cid: 'd1', id: 'm9', seq: 1, to: 'bob', ts: clock.now() },
      now: clock.now(),
    });
    expect(store.getState().pending.map((p) => p.cid)).toEqual(['a']);
  });

  it('gives a direct message up, text kept, once the grace is over, and at once on a first connection', () => {
    const { clock, store, wire, pump } = setup();
    const dm = (cid: string) =>
      store.dispatch({ type: 'send', cid, target: '@bob', kind: 'dm', text: 'hi', now: clock.now() });
    const refuse = (cid: string) => {
      store.dispatch({
        type: 'server',
        message: { type: 'error', code: 'no_such_user', message: 'nobody called bob is online', cid },
        now: clock.now(),
      });
      pump.flush();
    };
    store.dispatch({ type: 'open-dm', nick: 'bob' });
    dm('first');
    pump.flush();
    refuse('first');
    expect(store.getState().pending[0]).toMatchObject({ text: 'hi', failure: 'nobody called bob is online' });
    store.dispatch({ type: 'discard', cid: 'first' });

    store.dispatch({ type: 'connection', status: 'reconnecting' });
    dm('later');
    store.dispatch({ type: 'server', message: welcome('alice'), now: clock.now() });
    store.dispatch({ type: 'connection', status: 'online' });
    pump.flush();
    for (let elapsed = 0; elapsed <= 30_000; elapsed += 2000) {
      if (store.getState().pending[0]?.inFlight) refuse('later');
      clock.advance(2000);
    }
    expect(store.getState().pending[0]).toMatchObject({ text: 'hi', failure: 'nobody called bob is online' });
    const tries = wire.length;
    clock.advance(10_000);
    expect(wire).toHaveLength(tries);
  });
});
