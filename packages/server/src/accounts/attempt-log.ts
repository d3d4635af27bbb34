/** One scope of log-in attempts and how many it allows inside the window. */
export interface AttemptScope {
  readonly key: string;
  readonly limit: number;
}

/**
 * Where log-in attempts are counted. On one node that is this process; in a cluster it is Redis, so
 * a guesser that spreads over the nodes behind a load balancer meets the same limits as on one.
 */
export interface AttemptLog {
  /**
   * In one atomic step: when every scope holds fewer than its limit of attempts since `now - windowMs`,
   * records attempt `id` at `now` in each and resolves with 0; otherwise records nothing and resolves
   * with the milliseconds until the fullest scope has room again.
   */
  add(scopes: readonly AttemptScope[], id: string, now: number, windowMs: number): Promise<number>;
  /** Takes attempt `id` back out of these scopes (it was right, or never checked). */
  remove(keys: readonly string[], id: string): Promise<void>;
  /** Forgets every attempt of one scope. */
  clear(key: string): Promise<void>;
}

/** Attempts counted in this process: what one node needs. */
export class MemoryAttemptLog implements AttemptLog {
  readonly #attempts = new Map<string, { id: string; at: number }[]>();

  async add(scopes: readonly AttemptScope[], id: string, now: number, windowMs: number): Promise<number> {
    let waitMs = 0;
    for (const { key, limit } of scopes) {
      const recent = this.#recent(key, now - windowMs);
      if (recent.length >= limit)
        waitMs = Math.max(waitMs, recent[recent.length - limit]!.at + windowMs - now);
    }
    if (waitMs > 0) return waitMs;
    for (const { key } of scopes)
      this.#attempts.set(key, [...this.#recent(key, now - windowMs), { id, at: now }]);
    return 0;
  }

  async remove(keys: readonly string[], id: string): Promise<void> {
    for (const key of keys) {
      const kept = (this.#attempts.get(key) ?? []).filter((attempt) => attempt.id !== id);
      if (kept.length === 0) this.#attempts.delete(key);
      else this.#attempts.set(key, kept);
    }
  }

  async clear(key: string): Promise<void> {
    this.#attempts.delete(key);
  }

  /** The attempts of a scope after `since`, oldest first; a scope with none is forgotten. */
  #recent(key: string, since: number): { id: string; at: number }[] {
    const kept = (this.#attempts.get(key) ?? []).filter((attempt) => attempt.at > since);
    if (kept.length === 0) this.#attempts.delete(key);
    return kept;
  }
}
