import type { Clock, Timer } from './clock.js';

interface Indicator {
  nick: string;
  lastRelayAt: number;
  expiry: Timer;
}

/**
 * Typing indicators per room and person: relays at most one start per `intervalMs`, and reports a
 * stop when the indicator expires, the person sends, or leaves.
 */
export class TypingTracker {
  private readonly active = new Map<string, Indicator>();

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly expiryMs: number,
    private readonly onExpire: (room: string, nick: string) => void,
  ) {}

  /** Records that `key` (shown as `nick`) is typing in `room`; true when the start should be relayed now. */
  start(room: string, key: string, nick: string): boolean {
    const id = `${room} ${key}`;
    const now = this.clock.now();
    const existing = this.active.get(id);
    if (existing) this.clock.clearTimeout(existing.expiry);
    const relay = !existing || now - existing.lastRelayAt >= this.intervalMs;
    const expiry = this.clock.setTimeout(() => {
      this.active.delete(id);
      this.onExpire(room, nick);
    }, this.expiryMs);
    this.active.set(id, { nick, lastRelayAt: relay ? now : existing!.lastRelayAt, expiry });
    return relay;
  }

  /** Clears the indicator; true when there was one (so a stop should be relayed). */
  stop(room: string, key: string): boolean {
    const id = `${room} ${key}`;
    const existing = this.active.get(id);
    if (!existing) return false;
    this.clock.clearTimeout(existing.expiry);
    this.active.delete(id);
    return true;
  }

  /** Cancels every timer (shutdown). */
  clear(): void {
    for (const indicator of this.active.values()) this.clock.clearTimeout(indicator.expiry);
    this.active.clear();
  }
}
