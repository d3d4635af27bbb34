import type { ServerMessage } from 'aurora-protocol';
import { chat, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, chatReducer } from './chat-reducer.js';
import { type ChatState, initialState } from './chat-state.js';
import { adjacentTarget, olderPageRequest } from './navigation.js';

const server = (message: ServerMessage): ChatAction => ({ type: 'server', message, now: 0 });
const online: ChatAction = { type: 'connection', status: 'online' };

function state(...actions: ChatAction[]): ChatState {
  return [server(welcome('alice')), online, ...actions].reduce(chatReducer, initialState());
}

describe('adjacentTarget', () => {
  it('moves up and down the room list and stops at its ends', () => {
    const s = state(server(joined('dev')), server(joined('ops')), { type: 'open-dm', nick: 'bob' });
    expect(adjacentTarget(s, -1)).toBe('ops');
    expect(adjacentTarget(s, 1)).toBeUndefined();
    expect(adjacentTarget(chatReducer(s, { type: 'open', target: 'dev' }), -1)).toBeUndefined();
  });
});

describe('olderPageRequest', () => {
  it('asks for the page before the oldest message shown', () => {
    const s = state(server(joined('dev', { history: [chat(40, 'bob', 'x')], more: true })));
    expect(olderPageRequest(s, 'dev')).toEqual({
      type: 'history',
      target: 'dev',
      before: 40,
      limit: 50,
      ref: 'history',
    });
  });

  it('asks for the latest page of a conversation that shows nothing yet', () => {
    const s = state(server(joined('dev')), { type: 'open-dm', nick: 'Bob' });
    expect(olderPageRequest(s, '@bob')).toEqual({
      type: 'history',
      // The engine spells the person as the server did, on the wire.
      target: '@bob',
      limit: 50,
      ref: 'history',
    });
  });

  it('does not ask twice, past the beginning, or while offline', () => {
    const s = state(server(joined('dev', { history: [chat(40, 'bob', 'x')], more: true })));
    expect(
      olderPageRequest(chatReducer(s, { type: 'older-requested', target: 'dev' }), 'dev'),
    ).toBeUndefined();
    expect(olderPageRequest(state(server(joined('dev'))), 'dev')).toBeUndefined();
    expect(
      olderPageRequest(chatReducer(s, { type: 'connection', status: 'reconnecting' }), 'dev'),
    ).toBeUndefined();
  });
});
