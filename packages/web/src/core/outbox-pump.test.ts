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
});
