import type { Clock } from '../clock.js';
import { isLive, type ModerationStore, type Restriction, type RestrictionKind } from '../store/moderation.js';

/** A safety net: entries are dropped on every change (see evictions.ts), and re-read after this anyway. */
const TTL_MS = 30_000;

/** Who is asking: a canonical name, and a guest's address. */
export interface Person {
  readonly key: string;
  readonly address?: string | undefined;
}

/**
 * A node's copy of the bans and mutes of the rooms people speak in, so a message costs no store
 * round trip to check. Every node drops a scope's entry when anyone changes it (the change travels on
 * the broker's control channel), and restrictions with an end stop counting by themselves.
 */
export class RestrictionCache {
  private readonly scopes = new Map<string, { readAt: number; entries: Promise<Restriction[]> }>();

  constructor(
    private readonly store: ModerationStore,
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  /** The live restriction of a kind that applies to a person in a scope (a room, or `*`). */
  async find(scope: string, kind: RestrictionKind, person: Person): Promise<Restriction | undefined> {
    const now = this.clock.now();
    const entries = await this.read(scope, kind, now);
    return (
      entries.find((r) => r.key === person.key && isLive(r, now)) ??
      (person.address === undefined
        ? undefined
        : entries.find((r) => r.address === person.address && isLive(r, now)))
    );
  }

  /** Forgets a scope's restrictions: they changed. */
  invalidate(scope: string): void {
    this.scopes.delete(`ban ${scope}`);
    this.scopes.delete(`mute ${scope}`);
  }

  private read(scope: string, kind: RestrictionKind, now: number): Promise<Restriction[]> {
    const id = `${kind} ${scope}`;
    const cached = this.scopes.get(id);
    if (cached && now - cached.readAt < TTL_MS) return cached.entries;
    const entries = this.store.restrictions(scope, kind, now);
    this.scopes.set(id, { readAt: now, entries });
    // A failed read is not kept: the next message tries again.
    entries.catch(() => {
      if (this.scopes.get(id)?.entries === entries) this.scopes.delete(id);
    });
    if (this.scopes.size > 20_000) this.scopes.clear();
    return entries;
  }
}
