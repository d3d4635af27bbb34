import {
  activePrefs,
  type ClientMessageOf,
  canonicalName,
  changePrefs,
  ErrorCode,
  type NotifyPrefs,
  type PrefsChange,
} from 'aurora-protocol';
import type { Hub } from '../hub.js';
import type { Session } from '../session.js';
import { userChannel } from '../targets.js';

/** The client messages that change notification preferences. */
type PrefsRequest = ClientMessageOf<'notify' | 'mute' | 'unmute' | 'highlight' | 'ignore'>;

/**
 * `notify`, `mute`, `unmute`, `highlight` and `ignore`: applies the change with the protocol's `changePrefs`
 * (its bounds and codes), on the server's clock, and sends the whole new state to every connection
 * of the account, on every node. Guests keep their preferences in their client.
 */
export async function changePrefsRequest(hub: Hub, session: Session, message: PrefsRequest): Promise<void> {
  const { ref } = message;
  const account = session.identity?.account;
  if (!account)
    return session.fail(
      ErrorCode.LoginRequired,
      'notification settings are kept for accounts; as a guest your client keeps them',
      { ref },
    );
  if (
    message.type === 'ignore' &&
    message.op === 'add' &&
    canonicalName(message.name.replace(/^@/, '')) === account.key
  )
    return session.fail(ErrorCode.NameInvalid, 'you cannot ignore yourself', { ref });
  const { clock, store } = hub.options;
  const change = toChange(message);
  const outcome = await store.accounts.changePrefs(account.key, (current) =>
    changePrefs(current, change, clock.now()),
  );
  if (!outcome.ok) return session.fail(outcome.code, outcome.message, { ref });
  hub.publish(userChannel(account.key), prefsFrame(outcome.prefs, clock.now()));
}

/** Sends a logged-in connection its account's preferences (after `welcome`, or on becoming the account). */
export async function sendPrefs(hub: Hub, session: Session, accountKey: string): Promise<NotifyPrefs> {
  const prefs = await hub.options.store.accounts.prefs(accountKey);
  session.send(prefsFrame(prefs, hub.options.clock.now()));
  return prefs;
}

function prefsFrame(prefs: NotifyPrefs, now: number) {
  const { levels, mutes, keywords, ignored } = activePrefs(prefs, now);
  return { type: 'prefs', levels, mutes, keywords, ignored } as const;
}

function toChange(message: PrefsRequest): PrefsChange {
  switch (message.type) {
    case 'notify':
      return { type: 'notify', target: message.target, level: message.level };
    case 'mute':
      return { type: 'mute', target: message.target, forMs: message.forMs };
    case 'unmute':
      return { type: 'unmute', target: message.target };
    case 'highlight':
      return { type: 'highlight', op: message.op, word: message.word };
    case 'ignore':
      return { type: 'ignore', op: message.op, name: message.name };
  }
}
