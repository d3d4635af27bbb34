import { canonicalName, isMuted, type NotifyPrefs } from 'aurora-protocol';
import type { Hub } from '../hub.js';
import type { Session } from '../session.js';
import { INSPECTED_AFTER_MARKER, type MentionRule } from '../store/accounts.js';
import { roomKey } from '../targets.js';

// What an account's attention rules make of its preferences on the server: who counts as mentioning
// it, whose messages it does not see, what is muted now, and its unread counts in a room.

/**
 * Who the server looks for in mentions of an account: its name and its highlight keywords, in
 * messages of anyone but the people it ignores (by canonical name, the key messages are stored with).
 */
export function mentionRule(nick: string, prefs: NotifyPrefs): MentionRule {
  return { nick, keywords: prefs.keywords, ignored: ignoredKeys(prefs) };
}

/** The canonical names (`from_key` of stored messages) of the people an account ignores. */
export function ignoredKeys(prefs: NotifyPrefs): string[] {
  return prefs.ignored.map(canonicalName);
}

/**
 * Whether a target (a room, or `@` and a canonical name) is muted now, on the server's clock: its
 * mentions are left out of `joined.mentions` and the digest, as no client highlights them.
 */
export function mutedNow(hub: Hub, prefs: NotifyPrefs, target: string): boolean {
  return isMuted(prefs, target, hub.options.clock.now());
}

/**
 * The account's read marker, unread count and unread mentions for a room, for `joined`. Joining
 * makes the room the account's: a room with no marker yet gets one at its latest message, so the
 * digest looks there from now on, even if no device ever opens it. Highlight keywords count as
 * mentions; a muted room has none (it still counts unread), as every client shows it. Messages of
 * people the account ignores count neither way: no client shows them.
 */
export async function unreadIn(
  hub: Hub,
  session: Session,
  room: string,
): Promise<{ read: number; unread: number; mentions: number } | undefined> {
  const identity = session.identity;
  const account = identity?.account;
  if (!account) return undefined;
  const { store } = hub.options;
  const target = roomKey(room);
  const read =
    (await store.accounts.readMarkers(account.key)).get(target) ??
    (await store.accounts.startReading(account.key, target, (await store.bounds(target)).last));
  const prefs = await store.accounts.prefs(account.key);
  const [unread, mentioned] = await Promise.all([
    store.accounts.unreadCount(target, read, account.key, ignoredKeys(prefs)),
    mutedNow(hub, prefs, room)
      ? []
      : store.accounts.mentions(
          target,
          read,
          mentionRule(identity.nick, prefs),
          account.key,
          INSPECTED_AFTER_MARKER,
        ),
  ]);
  return { read, unread, mentions: mentioned.length };
}
