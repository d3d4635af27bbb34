import { messagePlace, targetOfWire } from 'aurora-client';
import { type ServerMessageOf, sameName } from 'aurora-protocol';
import { type ChatState, initialState } from './chat-state.js';
import { addMessages, addNotice, mentionsMe, updateTarget } from './state-updates.js';
import { clipMessage } from './timeline.js';

// The parts of the chat state that only logged-in connections see: read markers shared between the
// account's devices, the "while you were away" digest, and logging out.

/** The account's marker moved (here or on another device): what it covers is read everywhere. */
export function onReadMarker(state: ChatState, marker: ServerMessageOf<'read'>): ChatState {
  const me = state.me;
  return updateTarget(state, targetOfWire(marker.target), (t) => {
    if (marker.seq <= t.readSeq) return t;
    const after = t.entries.flatMap((e) =>
      e.type === 'message' &&
      e.seq > marker.seq &&
      e.message.kind !== 'system' &&
      !(me !== undefined && sameName(e.message.from, me))
        ? [e.message]
        : [],
    );
    const mentioned = after.filter((message) => mentionsMe(message, me, state.prefs.keywords)).length;
    return {
      ...t,
      readSeq: marker.seq,
      unread: Math.min(t.unread, after.length),
      mentions: Math.min(t.mentions, mentioned),
    };
  });
}

/**
 * "While you were away": direct messages join their conversations as unread, and a notice lists
 * the mentions, shown in the first room that opens.
 */
export function onDigest(state: ChatState, digest: ServerMessageOf<'digest'>, now: number): ChatState {
  const next = addMessages(state, digest.direct, 'live', now);
  if (digest.mentions.length === 0 && digest.direct.length === 0) return next;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const lines = digest.mentions.map((m) => {
    const where = messagePlace(m, state.me);
    return `${m.from} in #${where?.name ?? '?'}: ${clipMessage(m).text}`;
  });
  const summary = `While you were away: ${count(digest.mentions.length, 'mention')}, ${count(digest.direct.length, 'direct message')}${digest.truncated ? ' (and more)' : ''}.`;
  return { ...next, digest: [summary, ...lines].join('\n') };
}

/** Shows a waiting digest in the conversation on screen. */
export function showDigest(state: ChatState): ChatState {
  if (state.digest === undefined || state.active === undefined) return state;
  const { digest: text, ...rest } = state;
  return addNotice(rest, state.active, text, 'info');
}

/** The session ended at our request (`why` says how): back to the join screen, as a guest-to-be. */
export function loggedOut(state: ChatState, why = 'You logged out.'): ChatState {
  const room =
    state.active !== undefined && !state.targets.get(state.active)?.isDm ? state.active : undefined;
  return { ...initialState({ nick: '', ...(room ? { room } : {}) }), joinError: why };
}
