import { createHash } from 'node:crypto';
import type { Hub } from './hub.js';

/** One side of a direct conversation. */
export interface Party {
  readonly key: string;
  readonly nick: string;
}

/**
 * Guests prove nothing about who they are, so a direct conversation with a guest name may continue
 * with a different person: someone who took `bob` after the first bob left. The first time a guest
 * connection takes part in a conversation, a system notice says so in it, for both sides, stored
 * like any message (so history shows it, on every node). One notice per guest connection and
 * conversation: its `cid` names the connection, and the store keeps a cid once, even when two
 * messages race on two nodes.
 */
export async function noteGuestConnections(
  hub: Hub,
  target: string,
  parties: readonly [sender: Party, recipient: Party],
  channels: readonly string[],
): Promise<void> {
  // Whether the conversation had anything before this message, decided before any notice is added.
  const earlier = (await hub.options.store.bounds(target)).last > 0;
  const [sender, recipient] = parties;
  await noteGuest(hub, target, sender, recipient, earlier, channels);
  await noteGuest(hub, target, recipient, sender, earlier, channels);
}

async function noteGuest(
  hub: Hub,
  target: string,
  guest: Party,
  other: Party,
  earlier: boolean,
  channels: readonly string[],
): Promise<void> {
  // Undefined for accounts (shared claims), which prove who they are.
  const holder = await hub.options.directory.guestHolder(guest.key);
  if (holder === undefined) return;
  // Hashed: the holder is a connection id, which a client must not learn about another connection.
  const cid = `guest:${createHash('sha256').update(holder).digest('base64url').slice(0, 22)}`;
  const text = earlier
    ? `${guest.nick} is on a new guest connection: they may not be the ${guest.nick} from earlier in this conversation`
    : `${guest.nick} is a guest (not a registered account): anyone may use the name once they leave`;
  await hub.storeAndPublish(
    { target, kind: 'system', to: other.nick, from: guest.nick, fromKey: guest.key, text, cid },
    channels,
  );
}
