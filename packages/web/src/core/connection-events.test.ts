import type { ConnectionEvent } from 'aurora-client';
import { welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, chatReducer } from './chat-reducer.js';
import { type ChatState, initialState } from './chat-state.js';
import { eventActions } from './connection-events.js';

const NOW = 1_700_000_000_000;
const joining = chatReducer(initialState(), { type: 'join-requested', nick: 'alice', room: 'dev' });
const chatting = chatReducer(joining, { type: 'server', message: welcome('alice'), now: NOW });
const status = (s: Extract<ConnectionEvent, { type: 'status' }>['status']): ConnectionEvent => ({
  type: 'status',
  status: s,
});

/** The state after an event, and whether the page closes the connection. */
function after(state: ChatState, event: ConnectionEvent, attempt: 'guest' | 'login' | 'session' = 'guest') {
  const outcome = eventActions(event, state, attempt, NOW);
  return { state: outcome.actions.reduce<ChatState>(chatReducer, state), close: outcome.close ?? false };
}

describe('eventActions', () => {
  it('explains a refused name on the join screen and starts over with a new connection', () => {
    const { state, close } = after(
      joining,
      status({ state: 'refused', code: 'name_taken', message: 'taken' }),
    );
    expect(state).toMatchObject({
      screen: 'join',
      joinError: 'Someone is already using the name “alice”. Choose another name.',
    });
    expect(close).toBe(true);
  });

  it('says the server cannot be reached, on the join screen', () => {
    const { state } = after(joining, status({ state: 'unreachable', message: 'connection lost' }));
    expect(state.joinError).toBe('Cannot reach the server. Check your connection, or try again in a moment.');
    expect(state.connection.status).toBe('offline');
  });

  it('shows a reconnect with its reason and time, and counts a new attempt as reconnecting', () => {
    const dropped = after(
      chatting,
      status({
        state: 'reconnecting',
        attempt: 1,
        retryAt: NOW + 500,
        reason: 'the server is restarting',
        everOnline: true,
      }),
    ).state;
    expect(dropped.connection).toEqual({
      status: 'reconnecting',
      retryAt: NOW + 500,
      detail: 'The server is restarting.',
    });
    const trying = after(dropped, status({ state: 'connecting', attempt: 1, everOnline: true })).state;
    expect(trying.connection.status).toBe('reconnecting');
  });

  it('returns to the join screen, forgetting the log-in, when logged out elsewhere', () => {
    const session = { account: 'alice', token: 't', expiresAt: NOW + 1000 };
    const state = { ...chatting, session };
    const out = after(state, status({ state: 'logged-out', elsewhere: true }), 'session');
    expect(out.state).toMatchObject({
      screen: 'join',
      joinError: 'You were logged out. Log in again to continue.',
    });
    expect(out.state.session).toBeUndefined();
  });

  it('explains a wrong password on the join screen', () => {
    const event: ConnectionEvent = {
      type: 'server',
      message: { type: 'error', code: 'auth_failed', message: 'wrong', ref: 'login' },
    };
    const { state, close } = after(joining, event, 'login');
    expect(state.joinError).toBe('Wrong name or password.');
    expect(close).toBe(true);
  });

  it('marks a line the server refused, and one it holds back', () => {
    const sent: ChatAction = { type: 'send', cid: 'c1', target: 'dev', kind: 'chat', text: 'x', now: NOW };
    const pending = chatReducer(chatting, sent);
    const held = after(pending, {
      type: 'send-delayed',
      cid: 'c1',
      code: 'rate_limited',
      message: 'slow',
      retryAt: NOW + 700,
    });
    expect(held.state.pending[0]?.retryAt).toBe(NOW + 700);
    const failed = after(pending, {
      type: 'send-failed',
      cid: 'c1',
      code: 'text_invalid',
      message: 'too long',
    });
    expect(failed.state.pending[0]?.failure).toBe('too long');
  });
});
