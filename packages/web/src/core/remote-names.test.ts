import { typingSentence } from 'aurora-client';
import type { ServerMessage } from 'aurora-protocol';
import { chat, joined, members, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, chatReducer } from './chat-reducer.js';
import { activeTarget, type ChatState, initialState, totalUnread } from './chat-state.js';

// Rooms and people are named by whoever is on the other end; names that are also the names of
// JavaScript object properties must behave like any other name.

const NOW = 1_700_000_100_000;
const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

const run = (state: ChatState, ...actions: ChatAction[]) => actions.reduce(chatReducer, state);
const server = (message: ServerMessage): ChatAction => ({ type: 'server', message, now: NOW });

const shown = (state: ChatState) =>
  (activeTarget(state)?.entries ?? []).map((e) => (e.type === 'message' ? e.message.text : `[${e.text}]`));

/** alice, welcomed and joined to `room` with one message of history. */
function inRoom(room: string): ChatState {
  return run(
    initialState(),
    { type: 'join-requested', nick: 'alice', room },
    server(welcome('alice')),
    { type: 'connection', status: 'online' },
    server(joined(room, { history: [chat(1, 'bob', 'first', { room })], members: members('alice') })),
  );
}

describe.each(NAMES)('a room called %s', (room) => {
  it('shows its history and live messages, and keeps its place in them', () => {
    const state = run(inRoom(room), server(chat(2, 'bob', 'second', { room })));
    expect(state.order).toEqual([room]);
    expect(shown(state)).toEqual(['first', 'second']);
    expect(state.targets.get(room)?.cursor).toBe(2);
  });

  it('counts unread messages while another room is on screen, and is left cleanly', () => {
    let state = run(
      inRoom('dev'),
      server(joined(room)),
      { type: 'open', target: 'dev' },
      server(chat(1, 'bob', 'hi', { room })),
    );
    expect(totalUnread(state)).toBe(1);
    state = run(state, server({ type: 'left', room }));
    expect(state.order).toEqual(['dev']);
    expect(totalUnread(state)).toBe(0);
  });

  it('is not there before it is joined', () => {
    const state = run(inRoom('dev'), { type: 'open', target: room }, server(chat(1, 'bob', 'x', { room })));
    expect(state.active).toBe('dev');
    expect(state.order).toEqual(['dev']);
  });
});

describe.each(NAMES)('a person called %s', (nick) => {
  it('has a direct conversation of their own', () => {
    const dm = (seq: number, from: string, to: string, text: string) =>
      chat(seq, from, text, { kind: 'dm', room: undefined, to });
    let state = run(
      inRoom('dev'),
      server(dm(1, nick, 'alice', 'psst')),
      server(dm(2, 'alice', nick, 'yes?')),
    );
    expect(state.order).toEqual(['dev', `@${nick.toLowerCase()}`]);
    state = chatReducer(state, { type: 'open-dm', nick });
    expect(activeTarget(state)).toMatchObject({ name: nick, isDm: true, unread: 0 });
    expect(shown(state)).toEqual(['psst', 'yes?']);
  });

  it('is shown typing, and stops', () => {
    const typers = (state: ChatState) =>
      [...(activeTarget(state)?.typing ?? [])].filter(([, until]) => until > NOW).map(([name]) => name);
    let state = run(inRoom('dev'), server({ type: 'typing', room: 'dev', nick, active: true }));
    expect(typingSentence(typers(state))).toBe(`${nick} is typing…`);
    state = run(state, server({ type: 'typing', room: 'dev', nick: 'bob', active: true }));
    state = run(state, server({ type: 'typing', room: 'dev', nick, active: false }));
    expect(typers(state)).toEqual(['bob']);
    state = run(state, server({ type: 'presence', room: 'dev', event: 'join', nick }));
    expect(activeTarget(state)?.members.map((m) => m.nick)).toEqual(['alice', nick]);
  });
});
