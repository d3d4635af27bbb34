import { chat, joined, ManualClock, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { frame, online, run } from '../../test/page-fixtures.js';
import { initialPage, pageReducer } from './page-state.js';
import { createSeenMarker } from './seen-marker.js';
import { createStore } from './store.js';

function setup(account: boolean) {
  const clock = new ManualClock();
  const store = createStore(
    pageReducer,
    run(initialPage(), { type: 'join-asked', nick: 'alice', room: 'dev' }),
  );
  const sent: { target: string; seq: number }[] = [];
  let seeing = true;
  const marker = createSeenMarker({
    getState: store.getState,
    markRead: (target, seq) => sent.push({ target, seq }),
    dispatch: store.dispatch,
    clock,
    seeing: () => seeing,
  });
  store.subscribe(() => marker.changed());
  const now = clock.now();
  store.dispatch(online(account ? 'alice' : undefined));
  store.dispatch(frame({ ...welcome('alice'), ...(account ? { account: 'alice' } : {}) }, now));
  store.dispatch(frame(joined('dev'), now));
  const receive = (seq: number) => store.dispatch(frame(chat(seq, 'bob', `m${seq}`), now));
  return { clock, store, sent, receive, look: (value: boolean) => (seeing = value) };
}

describe('createSeenMarker', () => {
  it('marks a burst of messages read once, up to the newest, and remembers it', () => {
    const { clock, store, sent, receive } = setup(true);
    receive(1);
    receive(2);
    receive(3);
    clock.advance(1000);
    expect(sent).toEqual([{ target: 'dev', seq: 3 }]);
    expect(store.getState().chat.targets.dev?.readSeq).toBe(3);
    receive(3);
    clock.advance(5000);
    expect(sent).toHaveLength(1);
  });

  it('paces the markers of a busy room to one a second', () => {
    const { clock, sent, receive } = setup(true);
    receive(1);
    clock.advance(1000);
    receive(2);
    clock.advance(1000);
    receive(3);
    clock.advance(500);
    expect(sent.map((m) => m.seq)).toEqual([1, 2]);
    clock.advance(1000);
    expect(sent.map((m) => m.seq)).toEqual([1, 2, 3]);
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
