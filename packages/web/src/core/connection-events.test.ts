import type { ConnectionEvent } from 'aurora-client';
import { welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { eventActions } from './connection-events.js';
import { describeJoinError } from './join-errors.js';
import { connectionView, initialPage, type PageState, pageReducer } from './page-state.js';

const NOW = 1_700_000_000_000;
const joining = pageReducer(initialPage(), { type: 'join-asked', nick: 'alice', room: 'dev' });
const chatting = pageReducer(joining, {
  type: 'connection',
  event: { type: 'server', message: welcome('alice') },
  now: NOW,
});
const status = (s: Extract<ConnectionEvent, { type: 'status' }>['status']): ConnectionEvent => ({
  type: 'status',
  status: s,
});

/** The state after an event, and whether the page closes the connection. */
function after(state: PageState, event: ConnectionEvent, attempt: 'guest' | 'login' | 'session' = 'guest') {
  const outcome = eventActions(event, state, attempt, NOW);
  const next = outcome.actions.reduce<PageState>(pageReducer, state);
  return { state: next, close: outcome.close ?? false, said: said(next.joinError) };
}

/** What the join screen says about a failure. */
function said(error: PageState['joinError']): string | undefined {
  return typeof error === 'object'
    ? describeJoinError(error.code, error.message, error.nick, error.attempt)
    : error;
}

describe('eventActions', () => {
  it('explains a refused name on the join screen and starts over with a new connection', () => {
    const { state, close, said } = after(
      joining,
      status({ state: 'refused', code: 'name_taken', message: 'taken' }),
    );
    expect(state).toMatchObject({ screen: 'join', joining: false });
    expect(said).toBe('Someone is already using the name “alice”. Choose another name.');
    expect(close).toBe(true);
  });

  it('says the server cannot be reached, on the join screen', () => {
    const { said, close } = after(joining, status({ state: 'unreachable', message: 'connection lost' }));
    expect(said).toBe('Cannot reach the server. Check your connection, or try again in a moment.');
    expect(close).toBe(true);
  });

  it('shows the chat once welcomed, and a reconnect as reconnecting', () => {
    expect(chatting).toMatchObject({ screen: 'chat', joining: false });
    const dropped = after(
      chatting,
      status({
        state: 'reconnecting',
        attempt: 1,
        retryAt: NOW + 500,
        reason: 'the server is restarting',
        everOnline: true,
      }),
    );
    expect(dropped.close).toBe(false);
    expect(connectionView(dropped.state.chat.status)).toBe('reconnecting');
    const trying = after(dropped.state, status({ state: 'connecting', attempt: 1, everOnline: true })).state;
    expect(connectionView(trying.chat.status)).toBe('reconnecting');
  });

  it('returns to the join screen, forgetting the log-in, when logged out elsewhere', () => {
    const session = { account: 'alice', token: 't', expiresAt: NOW + 1000 };
    const state = { ...chatting, session };
    const out = after(state, status({ state: 'logged-out', elsewhere: true }), 'session');
    expect(out.state.screen).toBe('join');
    expect(out.said).toBe('You were logged out. Log in again to continue.');
    expect(out.state.session).toBeUndefined();
  });

  it('explains a wrong password on the join screen', () => {
    const event: ConnectionEvent = {
      type: 'server',
      message: { type: 'error', code: 'auth_failed', message: 'wrong', ref: 'login' },
    };
    const { said, close } = after(joining, event, 'login');
    expect(said).toBe('Wrong name or password.');
    expect(close).toBe(true);
  });

  it('keeps a log-in the server granted, and goes back to the join screen when it logs out', () => {
    const auth: ConnectionEvent = {
      type: 'server',
      message: { type: 'auth', account: 'Alice', token: 'tok', expiresAt: NOW + 5000 },
    };
    const logged = after(chatting, auth).state;
    expect(logged.session).toEqual({ account: 'Alice', token: 'tok', expiresAt: NOW + 5000 });
    const out = after(logged, { type: 'server', message: { type: 'logged_out', everywhere: false } }).state;
    expect(out).toMatchObject({ screen: 'join', joinError: 'You logged out.' });
    expect(out.session).toBeUndefined();
  });
});
