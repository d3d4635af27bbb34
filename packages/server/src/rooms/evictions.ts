import { CloseCode, ErrorCode, MODERATION_LIMITS } from 'aurora-protocol';
import type { Hub } from '../hub.js';
import type { Restriction } from '../store/moderation.js';
import { leaveRoom } from './membership.js';

// Moderation reaches every node on the broker's control channels, as log-outs do (see
// broker/control.ts): the node that acts applies it to its own connections at once and publishes it;
// in a cluster the others apply it when it arrives, well within a second.

/** The broker channel that carries moderation changes and evictions to every node. */
export const ROOMS_CHANNEL = 'control:rooms';

/** A moderation change every node applies to its own connections and caches. */
export type RoomControl =
  /** A scope's bans or mutes changed: drop the cached copy. */
  | { readonly kind: 'changed'; readonly scope: string }
  /** A room's settings (`/mode`) changed: drop the cached copy. */
  | { readonly kind: 'settings'; readonly room: string }
  /** Put a person out of a room; `ban` (when banned) lets the node holding a guest add their address. */
  | {
      readonly kind: 'evict';
      readonly room: string;
      readonly key: string;
      readonly removed: 'kicked' | 'banned';
      readonly ban?: Restriction | undefined;
    }
  /** Disconnect a person from the server (4003); `ban` when they were banned server-wide. */
  | {
      readonly kind: 'kill';
      readonly key: string;
      readonly by: string;
      readonly reason?: string | undefined;
      readonly ban?: Restriction | undefined;
    };

/** Encodes a control for {@link ROOMS_CHANNEL}. */
export function encodeRoomControl(control: RoomControl): string {
  return JSON.stringify(control);
}

/** Decodes a control; undefined when the frame is not one. */
export function decodeRoomControl(frame: string): RoomControl | undefined {
  try {
    const value: unknown = JSON.parse(frame);
    if (typeof value !== 'object' || value === null) return undefined;
    const kind = (value as { kind?: unknown }).kind;
    // Only nodes of this cluster publish here; the shape is checked no further than its kind.
    return kind === 'changed' || kind === 'settings' || kind === 'evict' || kind === 'kill'
      ? (value as RoomControl)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Applies a control to this node: caches, the kick throttle, and the person's connections here. */
export function applyRoomControl(hub: Hub, control: RoomControl): void {
  if (control.kind === 'changed') {
    hub.restrictions.invalidate(control.scope);
    return;
  }
  if (control.kind === 'settings') {
    hub.roomSettings.invalidate(control.room);
    return;
  }
  const scope = control.kind === 'evict' ? control.room : '*';
  if (control.kind === 'kill' ? control.ban !== undefined : true) hub.restrictions.invalidate(scope);
  if (control.kind === 'evict' && control.removed === 'kicked') hub.rejoins.kicked(control.room, control.key);
  let addressNoted = false;
  for (const session of hub.sessions) {
    const identity = session.identity;
    if (identity?.key !== control.key) continue;
    if (control.ban && !identity.account && !addressNoted) {
      addressNoted = true;
      noteAddress(hub, control.ban, session.info.ip);
    }
    if (control.kind === 'kill') {
      const why = control.reason ? `: ${control.reason}` : '';
      session.fail(ErrorCode.Killed, `${control.by} disconnected you from the server${why}`);
      session.peer.close(CloseCode.Killed, control.ban ? 'banned from the server' : 'killed');
      continue;
    }
    const { room, removed } = control;
    if (!session.rooms.has(room)) continue;
    hub.schedule(session, async () => {
      if (await leaveRoom(hub, session, room, { quiet: false, notice: false }))
        session.send({ type: 'left', room, removed });
    });
  }
}

/** Bans a guest's address with their name (the node holding their connection knows it). */
function noteAddress(hub: Hub, ban: Restriction, address: string): void {
  const { store, clock, logger } = hub.options;
  store.moderation
    .restrict({ ...ban, address }, MODERATION_LIMITS.maxBansPerRoom, clock.now())
    .then(() => hub.roomControl({ kind: 'changed', scope: ban.scope }))
    .catch((error: unknown) => logger.warn('could not ban a guest address', { error: String(error) }));
}
