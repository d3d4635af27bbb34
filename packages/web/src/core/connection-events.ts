import type { ConnectionEvent, ConnectionStatus } from 'aurora-client';
import { endsSession, type JoinAttempt } from './join-errors.js';
import type { PageAction, PageState } from './page-state.js';

/** What the page does about one event of the engine's connection. */
export interface EventOutcome {
  readonly actions: readonly PageAction[];
  /** This connection is done for: close it (the next join makes a new one). */
  readonly close?: true;
}

/**
 * Turns an event of the engine's connection into page actions: the engine's chat state takes every
 * event, but a join that failed goes back to the join screen, which says why. `attempt` says how the
 * join was tried, to explain a refusal; `now` stamps the event.
 */
export function eventActions(
  event: ConnectionEvent,
  state: PageState,
  attempt: JoinAttempt,
  now: number,
): EventOutcome {
  if (event.type === 'status') {
    const failure = statusFailure(event.status, state, attempt);
    if (failure) return { actions: [failure], close: true };
  }
  // A refused log-in or sign-up on the join screen: the engine waits for the person, who tries again.
  if (
    event.type === 'server' &&
    event.message.type === 'error' &&
    (event.message.ref === 'login' || event.message.ref === 'register') &&
    state.screen === 'join'
  )
    return {
      actions: [failed(state, attempt, event.message.code, event.message.message, false)],
      close: true,
    };
  return { actions: [{ type: 'connection', event, now }] };
}

/** A status that ends this connection, as the join screen explains it; undefined for the others. */
function statusFailure(
  status: ConnectionStatus,
  state: PageState,
  attempt: JoinAttempt,
): PageAction | undefined {
  switch (status.state) {
    case 'reconnecting':
      // Reached, but closed before it answered: the join screen says so, and the person tries again.
      return status.everOnline
        ? undefined
        : failed(
            state,
            attempt,
            'closed',
            `The server closed the connection (${status.reason}) before answering. Try again.`,
            false,
          );
    case 'refused':
      return failed(state, attempt, status.code, status.message, state.screen === 'chat');
    case 'logged-out':
      return failed(state, 'session', 'logged_out', 'You were logged out.', true);
    case 'unreachable':
      return failed(
        state,
        attempt,
        'unreachable',
        'Cannot reach the server. Check your connection, or try again in a moment.',
        false,
      );
    default:
      return undefined;
  }
}

function failed(
  state: PageState,
  attempt: JoinAttempt,
  code: string,
  message: string,
  fatal: boolean,
): PageAction {
  return {
    type: 'hello-failed',
    error: { code, message, nick: state.wanted.nick, attempt },
    fatal,
    endsSession: attempt === 'session' && endsSession(code),
  };
}
