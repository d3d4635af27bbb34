import type { ConnectionEvent, ConnectionStatus } from 'aurora-client';
import type { ChatAction } from './chat-reducer.js';
import type { ChatState } from './chat-state.js';
import { describeJoinError, endsSession, type JoinAttempt } from './join-errors.js';

/** What the page does about one event of the engine's connection. */
export interface EventOutcome {
  readonly actions: readonly ChatAction[];
  /** This connection is done for: close it (the next join makes a new one). */
  readonly close?: true;
}

const none: EventOutcome = { actions: [] };

/**
 * Turns an event of the engine's connection into chat actions. `attempt` says how the join was
 * tried, to explain a refusal; `now` stamps server frames.
 */
export function eventActions(
  event: ConnectionEvent,
  state: ChatState,
  attempt: JoinAttempt,
  now: number,
): EventOutcome {
  switch (event.type) {
    case 'status':
      return statusActions(event.status, state, attempt);
    case 'server': {
      const server: ChatAction = { type: 'server', message: event.message, now };
      const { message } = event;
      // A refused log-in or sign-up on the join screen: the engine waits for the person, who tries again.
      if (message.type === 'error' && isAuthRef(message.ref) && state.screen === 'join')
        return {
          actions: [failed(state, attempt, message.code, message.message, false)],
          close: true,
        };
      return { actions: [server] };
    }
    case 'send-failed':
      return { actions: [{ type: 'send-failed', cid: event.cid, message: event.message }] };
    case 'send-delayed':
      return { actions: [{ type: 'send-delayed', cid: event.cid, retryAt: event.retryAt }] };
    default:
      // session-started and -ended: the `auth` and `logged_out` frames carry what the page keeps.
      return none;
  }
}

function statusActions(status: ConnectionStatus, state: ChatState, attempt: JoinAttempt): EventOutcome {
  switch (status.state) {
    case 'connecting':
      return { actions: [{ type: 'connection', status: status.everOnline ? 'reconnecting' : 'connecting' }] };
    case 'online':
      return { actions: [{ type: 'connection', status: 'online' }] };
    case 'reconnecting':
      if (!status.everOnline)
        // Reached, but closed before it answered: the join screen says so, and the person tries again.
        return {
          actions: [
            failed(
              state,
              attempt,
              'closed',
              `The server closed the connection (${status.reason}) before answering. Try again.`,
              false,
            ),
            { type: 'connection', status: 'offline' },
          ],
          close: true,
        };
      return {
        actions: [
          {
            type: 'connection',
            status: 'reconnecting',
            retryAt: status.retryAt,
            detail: sentence(status.reason),
          },
        ],
      };
    case 'refused':
      return {
        actions: [failed(state, attempt, status.code, status.message, state.screen === 'chat')],
        close: true,
      };
    case 'logged-out':
      return { actions: [failed(state, 'session', 'logged_out', 'You were logged out.', true)], close: true };
    case 'unreachable':
      return {
        actions: [
          failed(
            state,
            attempt,
            'unreachable',
            'Cannot reach the server. Check your connection, or try again in a moment.',
            false,
          ),
          { type: 'connection', status: 'offline' },
        ],
        close: true,
      };
    case 'closed':
      return { actions: [{ type: 'connection', status: 'idle' }] };
  }
}

function failed(
  state: ChatState,
  attempt: JoinAttempt,
  code: string,
  message: string,
  fatal: boolean,
): ChatAction {
  return {
    type: 'hello-failed',
    message: describeJoinError(code, message, state.wanted.nick, attempt),
    fatal,
    endsSession: attempt === 'session' && endsSession(code),
  };
}

function isAuthRef(ref: string | undefined): boolean {
  return ref === 'login' || ref === 'register';
}

/** The engine's short reason as a sentence for the banner: `connection lost` → `Connection lost.` */
function sentence(reason: string): string {
  return reason ? `${reason[0]!.toUpperCase()}${reason.slice(1)}.` : 'The connection was lost.';
}
