import { ErrorCode, type ServerMessageOf, sameName } from 'aurora-protocol';
import {
  accountDeletedText,
  loggedOutElsewhereText,
  loginCommand,
  passwordChangedText,
  sessionEndedText,
} from './account-text.js';
import type { ChatState, Digest, TargetState } from './chat-state.js';
import { addNotice, updateTarget } from './chat-targets.js';
import type { ConnectionStatus } from './connection-types.js';
import { holdAll, releaseAll } from './held-lines.js';
import { NO_PREFS } from './notify-prefs.js';
import { dmPeer, dmTarget, isDmTarget } from './targets.js';

// The parts of the chat state only accounts have: logging in and out, read markers shared between
// the account's devices, unread counts from the server, and the "while you were away" digest.

/** The connection's state changed: who the user is now, and what to do when it stopped. */
export function onStatus(state: ChatState, status: ConnectionStatus, now: number): ChatState {
  const next = { ...state, status };
  switch (status.state) {
    case 'online': {
      const account = status.account;
      const same = account !== undefined && state.account !== undefined && sameName(account, state.account);
      // Another account's preferences (or those of the account just left) are not this one's.
      const leftAccount = state.account !== undefined && !same;
      return {
        ...releaseAll(next),
        me: status.nick,
        account,
        ...(same ? {} : { digest: undefined, awayDigest: undefined }),
        ...(leftAccount ? { prefs: NO_PREFS } : {}),
      };
    }
    case 'reconnecting':
      // Waiting for a server never reached (--wait): say why once; the status line counts down.
      if (status.everOnline || status.attempt !== 1) return next;
      return addNotice(
        next,
        state.current,
        `Cannot reach ${state.server} yet: ${status.reason}. Trying again until it is up; /quit gives up.`,
        'info',
        now,
      );
    case 'refused': {
      // A refused token is a session gone: /login must ask for the password again, not say "logged in".
      const ended =
        status.code === ErrorCode.AuthFailed
          ? { account: undefined, awayDigest: undefined, prefs: NO_PREFS }
          : {};
      return addNotice(
        holdAll({ ...next, ...ended }),
        state.current,
        refusalText(state, status),
        'error',
        now,
      );
    }
    case 'logged-out': {
      const gone = holdAll({ ...next, account: undefined, awayDigest: undefined, prefs: NO_PREFS });
      if (!status.elsewhere) return gone; // said when the server confirmed (onLoggedOut)
      const text = sentence(loggedOutElsewhereText(state.account ?? state.me, state.server, 'chat'));
      return addNotice(gone, state.current, text, 'info', now);
    }
    default:
      return next;
  }
}

function refusalText(state: ChatState, status: Extract<ConnectionStatus, { state: 'refused' }>): string {
  if (status.code === ErrorCode.AuthFailed)
    return `${sentence(sessionEndedText(state.me, state.server, 'chat'))} /nick NAME goes on as a guest; lines you type meanwhile wait.`;
  if (status.code === ErrorCode.NameRegistered)
    return `${status.message} — log in with ${loginCommand(state.me, 'chat')}, or take another name with /nick NAME`;
  return `${status.message} — choose another name with /nick NAME`;
}

/** A register or login succeeded. A guest that registered its own name is the account at once. */
export function onAuth(state: ChatState, auth: ServerMessageOf<'auth'>, now: number): ChatState {
  const inPlace =
    state.status.state === 'online' && auth.ref === 'register' && sameName(auth.account, state.me);
  const text =
    auth.ref === 'register'
      ? `Registered ${auth.account}${inPlace ? '; you are logged in.' : '; logging in…'} This device keeps the session, never the password.`
      : `Logged in as ${auth.account}.`;
  const next = addNotice(state, state.current, text, 'info', now);
  return inPlace ? { ...next, account: auth.account } : next;
}

/** The server confirmed a log-out from here; the connection closes and waits for the user next. */
export function onLoggedOut(
  state: ChatState,
  loggedOut: ServerMessageOf<'logged_out'>,
  now: number,
): ChatState {
  const where = loggedOut.everywhere ? ' on every device' : '';
  const text = `You logged out${where}. /login ${state.me} logs in again, /nick NAME goes on as a guest, /quit leaves.`;
  return addNotice({ ...state, account: undefined }, state.current, text, 'info', now);
}

/** The server confirmed a new password. */
export function onPasswordChanged(
  state: ChatState,
  changed: ServerMessageOf<'password_changed'>,
  now: number,
): ChatState {
  return addNotice(state, state.current, passwordChangedText(changed.sessionsEnded), 'info', now);
}

/** The server deleted the account; the connection closes and waits for the user next. */
export function onAccountDeleted(
  state: ChatState,
  deleted: ServerMessageOf<'account_deleted'>,
  now: number,
): ChatState {
  const text = `${accountDeletedText(deleted.account, deleted.heldUntil)} /nick NAME goes on as a guest, /quit leaves.`;
  return addNotice({ ...state, account: undefined }, state.current, text, 'info', now);
}

/** The account's marker moved (here or on another device): what it covers is read everywhere. */
export function onReadMarker(state: ChatState, marker: ServerMessageOf<'read'>): ChatState {
  const key = isDmTarget(marker.target) ? dmTarget(dmPeer(marker.target)) : marker.target;
  return updateTarget(state, key, (t) => {
    if (marker.seq <= t.readSeq) return {};
    const after = countAfter(t, marker.seq);
    return {
      readSeq: marker.seq,
      unread: Math.min(t.unread, after.unread),
      mentions: Math.min(t.mentions, after.mentions),
    };
  });
}

/** Unread and mentioned messages loaded after `seq`, counted from the end (a few, not the whole room). */
function countAfter(target: TargetState, seq: number): { unread: number; mentions: number } {
  let unread = 0;
  let mentions = 0;
  for (let i = target.items.length - 1; i >= 0; i--) {
    const item = target.items.get(i);
    if (item.kind !== 'message') continue;
    if (item.message.seq <= seq) break;
    if (item.mine || item.message.kind === 'system') continue;
    unread += 1;
    if (item.mention) mentions += 1;
  }
  return { unread, mentions };
}

/**
 * A digest arrived (after every greeting of a logged-in connection). The first one after logging in
 * is shown at the top of the first view; every one keeps mention counts current as rooms are joined.
 * Its direct messages were merged into their conversations before (see chat-server).
 */
export function onDigest(state: ChatState, digest: Digest): ChatState {
  const first = state.digest === undefined;
  const news = digest.mentions.length + digest.direct.length > 0;
  return { ...state, digest, awayDigest: first ? (news ? digest : undefined) : state.awayDigest };
}

/**
 * What a `joined` says about unread messages when logged in: the server's counts win, its mention
 * count too (an older server sends none: then the digest's mentions of the room are counted).
 */
export function unreadOnJoin(state: ChatState, joined: ServerMessageOf<'joined'>): Partial<TargetState> {
  if (joined.read === undefined || joined.unread === undefined) return {};
  const read = joined.read;
  const mentioned =
    joined.mentions ??
    (state.digest?.mentions ?? []).filter((m) => m.room === joined.room && m.seq > read).length;
  return {
    readSeq: read,
    countedSeq: joined.seq,
    // The room on screen is being read; the read marker follows as soon as it is seen.
    unread: state.current === joined.room && state.visible ? 0 : joined.unread,
    mentions: state.current === joined.room && state.visible ? 0 : Math.min(joined.unread, mentioned),
  };
}

/** Starts a sentence with a capital letter and ends it with a full stop. */
function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
