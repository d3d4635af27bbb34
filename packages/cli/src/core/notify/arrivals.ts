import { type ChatAction, type ChatState, chatReducer, messagePlace } from 'aurora-client';
import type { ChatMessage } from 'aurora-protocol';

/** A message the engine counted as new and from someone else, with where it belongs. */
export interface Arrival {
  readonly message: ChatMessage;
  /** Its room, or `@name` for a direct conversation: a key of `ChatState.targets`. */
  readonly target: string;
  /** It mentions this user, or is a direct message to them (the engine's rule, as the bell's). */
  readonly mention: boolean;
}

/** The latest arrivals and how many there were in all, so a watcher can tell which ones are new. */
export interface ArrivalLog {
  readonly count: number;
  /** The last few, oldest first. */
  readonly recent: readonly Arrival[];
}

/** The chat state with the arrivals that led to it. */
export interface ChatSession {
  readonly chat: ChatState;
  readonly arrivals: ArrivalLog;
}

/** No arrival yet. */
export const NO_ARRIVALS: ArrivalLog = { count: 0, recent: [] };

/** Arrivals kept: more than one update of the screen brings (a burst is one notification anyway). */
const KEPT = 16;

/**
 * The arrival an action brought, if any: a live message that the engine counted (its `alerts`
 * grew), so messages of one's own, system notices, history, replays the server had already
 * counted, duplicates and the "while you were away" digest never arrive.
 */
export function arrivalOf(before: ChatState, action: ChatAction, after: ChatState): Arrival | undefined {
  if (action.type !== 'connection' || action.event.type !== 'server') return undefined;
  const message = action.event.message;
  if (message.type !== 'message' || after.alerts.messages <= before.alerts.messages) return undefined;
  const place = messagePlace(message, after.me);
  if (!place) return undefined;
  return { message, target: place.target, mention: after.alerts.mentions > before.alerts.mentions };
}

/**
 * The engine's reducer, keeping a log of arrivals beside its state. Pure like it: the arrival is
 * read from the state before and after each action, never from a side channel.
 */
export function chatSessionReducer(session: ChatSession, action: ChatAction): ChatSession {
  const chat = chatReducer(session.chat, action);
  if (chat === session.chat) return session;
  const arrival = arrivalOf(session.chat, action, chat);
  if (!arrival) return { chat, arrivals: session.arrivals };
  const { count, recent } = session.arrivals;
  return { chat, arrivals: { count: count + 1, recent: [...recent.slice(1 - KEPT), arrival] } };
}
