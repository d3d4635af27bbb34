import type { Clock } from '../clock.js';
import type { ModerationStore, StoredSettings } from '../store/moderation.js';
import { ownerCount } from './standing.js';

/** A safety net: entries are dropped on every change (see evictions.ts), and re-read after this anyway. */
const TTL_MS = 30_000;

/**
 * A node's copy of rooms' settings (`/mode`), so a message in a moderated room or a join costs no
 * store round trip to check. Every node drops a room's entry when anyone changes its settings (the
 * change travels on the broker's control channel, as bans do).
 */
export class RoomSettingsCache {
  private readonly rooms = new Map<string, { readAt: number; settings: Promise<StoredSettings> }>();
  /** Whether a room has an owner (its topic is then protected unless set otherwise), kept alike. */
  private readonly owners = new Map<string, { readAt: number; owned: Promise<boolean> }>();

  constructor(
    private readonly store: ModerationStore,
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  /** A room's stored settings. */
  get(room: string): Promise<StoredSettings> {
    const now = this.clock.now();
    const cached = this.rooms.get(room);
    if (cached && now - cached.readAt < TTL_MS) return cached.settings;
    const settings = this.store.settings(room);
    this.rooms.set(room, { readAt: now, settings });
    // A failed read is not kept: the next request tries again.
    settings.catch(() => {
      if (this.rooms.get(room)?.settings === settings) this.rooms.delete(room);
    });
    if (this.rooms.size > 20_000) this.rooms.clear();
    return settings;
  }

  /**
   * Whether a room has an owner, for the settings people see (`joined`): a join in a connect storm
   * then reads no roles. Rooms only gain owners (a claim, which drops this on every node, or the
   * room's making); the last owner cannot be removed.
   */
  owned(room: string): Promise<boolean> {
    const now = this.clock.now();
    const cached = this.owners.get(room);
    if (cached && now - cached.readAt < TTL_MS) return cached.owned;
    const owned = this.store.roles(room).then((roles) => ownerCount(roles) > 0);
    this.owners.set(room, { readAt: now, owned });
    owned.catch(() => {
      if (this.owners.get(room)?.owned === owned) this.owners.delete(room);
    });
    if (this.owners.size > 20_000) this.owners.clear();
    return owned;
  }

  /** Forgets a room's settings and owner: they changed. */
  invalidate(room: string): void {
    this.rooms.delete(room);
    this.owners.delete(room);
  }
}
