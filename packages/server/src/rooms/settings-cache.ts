import type { Clock } from '../clock.js';
import type { ModerationStore, StoredSettings } from '../store/moderation.js';

/** A safety net: entries are dropped on every change (see evictions.ts), and re-read after this anyway. */
const TTL_MS = 30_000;

/**
 * A node's copy of rooms' settings (`/mode`), so a message in a moderated room or a join costs no
 * store round trip to check. Every node drops a room's entry when anyone changes its settings (the
 * change travels on the broker's control channel, as bans do).
 */
export class RoomSettingsCache {
  private readonly rooms = new Map<string, { readAt: number; settings: Promise<StoredSettings> }>();

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

  /** Forgets a room's settings: they changed. */
  invalidate(room: string): void {
    this.rooms.delete(room);
  }
}
