import { CloseCode } from 'aurora-protocol';
import type { Directory } from '../directory/directory.js';
import type { Hub } from '../hub.js';
import { claimNames } from '../name-claims.js';
import { memberOf } from '../rooms/notices.js';
import { roomKey } from '../targets.js';

/**
 * After this node's heartbeat lapsed (Redis was away longer than its TTL) but nobody reaped it, its
 * claims and memberships are still in Redis; claims them again, in case another node dropped them as
 * dead meanwhile. A connection whose name was taken in between is closed (1001) to reconnect; a person
 * found missing from a room is announced back with a presence `join`.
 */
export async function reassert(hub: Hub, directory: Directory): Promise<void> {
  for (const session of [...hub.sessions]) {
    const identity = session.identity;
    if (!identity || session.closed) continue;
    const shared = identity.account !== undefined;
    if (!(await claimNames(directory, session.id, identity, shared))) {
      session.peer.close(CloseCode.GoingAway, 'your name was taken while storage was away; reconnect');
      continue;
    }
    for (const room of session.rooms) {
      const { changed } = await directory.addMember(room, memberOf(session), session.id);
      if (changed) hub.publish(roomKey(room), { type: 'presence', room, event: 'join', nick: identity.nick });
    }
  }
}
