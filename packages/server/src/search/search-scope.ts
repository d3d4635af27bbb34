import { canonicalName, checkNick, checkRoom } from 'aurora-protocol';
import type { Hub } from '../hub.js';
import type { Session } from '../session.js';
import type { SearchScope } from '../store/search.js';
import { dmKey, roomKey } from '../targets.js';

/**
 * The targets a connection may search, with the rule for each:
 * - rooms this connection joined;
 * - for an account, every room the account is a member of (the rooms its read markers follow, the
 *   same list the away digest reads) and every direct conversation it takes part in;
 * - for a guest, its own direct conversations from when it took the name (as `history` does).
 * A search never reaches a room or conversation outside these, except with `in:#room`: rooms are
 * public to read (`history` answers for a room without joining), so naming one searches it; a
 * private or invite-only room answers only its members (the search handler asks rooms/privacy.ts).
 */
export async function searchScopes(hub: Hub, session: Session): Promise<SearchScope[]> {
  const identity = session.identity!;
  const { accounts } = hub.options.store;
  const targets = new Set<string>();
  for (const room of session.rooms) targets.add(roomKey(room));
  const account = identity.account;
  if (account)
    for (const target of (await accounts.readMarkers(account.key)).keys())
      if (target.startsWith('room:')) targets.add(target);
  const scopes: SearchScope[] = [...targets].map((target) => ({ target }));
  for (const target of await accounts.directTargets(identity.key))
    scopes.push(account ? { target } : { target, notBefore: identity.claimedAt });
  return scopes;
}

/**
 * Narrows the scopes to the target an `in:` filter names: a room (any room, see above) or the
 * conversation with a person. Undefined when the name is not a valid room or name.
 */
export function narrowScopes(
  session: Session,
  scopes: readonly SearchScope[],
  name: string,
): SearchScope[] | undefined {
  const identity = session.identity!;
  if (name.startsWith('@')) {
    const checked = checkNick(name.slice(1));
    if (!checked.ok) return undefined;
    const target = dmKey(identity.key, canonicalName(checked.name));
    return scopes.filter((scope) => scope.target === target);
  }
  const checked = checkRoom(name);
  if (!checked.ok) return undefined;
  return [{ target: roomKey(checked.name) }];
}

/** What a client calls a stored target, seen from this connection: `dev`, or `@nick` for a conversation. */
export function wireTarget(
  session: Session,
  message: { room?: string | undefined; from: string; to?: string | undefined },
): string {
  if (message.room !== undefined) return message.room;
  const mine = canonicalName(message.from) === session.identity!.key;
  return `@${mine ? (message.to ?? message.from) : message.from}`;
}
