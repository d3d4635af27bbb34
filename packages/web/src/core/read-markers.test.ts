import type { ClientMessageOf } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { type ChatAction, chatReducer } from './chat-reducer.js';
import { initialState } from './chat-state.js';
import { fakeClock } from './fake-clock.js';
import { createReadMarkers } from './read-markers.js';
import { createStore } from './store.js';
import { chat, joined, welcome } from './test-frames.js';

function setup(account: boolean) {
  const clock = fakeClock();
  const store = createStore(chatReducer, initialState());
  const sent: ClientMessageOf<'read'>[] = [];
  let seeing = true;
  const markers = createReadMarkers({
    getState: store.getState,
    send: (frame) => sent.push(frame) > 0,
    dispatch: store.dispatch,
    clock,
    seeing: () => seeing,
  });
  store.subscribe(() => markers.changed());
  const now = clock.now();
  const actions: ChatAction[] = [
    { type: 'server', message: { ...welcome('alice'), ...(account ? { account: 'alice' } : {}) }, now },
    { type: 'server', message: joined('dev'), now },
  ];
  for (const action of actions) store.dispatch(action);
  const receive = (seq: number) =>
    store.dispatch({ type: 'server', message: chat(seq, 'bob', `m${seq}`), now });
  return { clock, sent, receive, look: (value: boolean) => (seeing = value) };
}

describe('createReadMarkers', () => {
  it('marks a burst of messages read once, up to the newest', () => {
    const { clock, sent, receive } = setup(true);
    receive(1);
    receive(2);
    receive(3);
    clock.advance(1000);
    expect(sent).toEqual([{ type: 'read', target: 'dev', seq: 3 }]);
    receive(3);
    clock.advance(5000);
    expect(sent).toHaveLength(1);
  });

  it('does not mark what the reader has scrolled away from', () => {
    const { clock, sent, receive, look } = setup(true);
    look(false);
    receive(1);
    clock.advance(1000);
    expect(sent).toEqual([]);
  });

  it('sends nothing for guests, who have no markers', () => {
    const { clock, sent, receive } = setup(false);
    receive(1);
    clock.advance(1000);
    expect(sent).toEqual([]);
  });
});
