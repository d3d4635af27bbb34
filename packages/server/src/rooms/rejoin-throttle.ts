import type { Clock } from '../clock.js';

/** Kicks older than this are forgotten: a person kicked once a day is never throttled. */
const KICK_MEMORY_MS = 3_600_000;
/** The wait after the second kick within the hour; it doubles with each further kick. */
const FIRST_WAIT_MS = 10_000;
/** The longest wait. */
const MAX_WAIT_MS = 600_000;

/**
 * Rate-limits people who come straight back after being kicked, again and again: the first kick
 * lets them back at once; each further kick within the hour makes them wait twice as long (10 s,
 * 20 s, ... at most 10 min). Per node: every node hears of every kick (see evictions.ts).
 */
export class RejoinThrottle {
  private readonly kicks = new Map<string, { count: number; at: number }>();

  constructor(private readonly clock: Pick<Clock, 'now'>) {}

  /** Notes that a person was kicked from a room. */
  kicked(room: string, key: string): void {
    const now = this.clock.now();
    const id = `${room} ${key}`;
    const last = this.kicks.get(id);
    const count = last && now - last.at < KICK_MEMORY_MS ? last.count + 1 : 1;
    this.kicks.set(id, { count, at: now });
    if (this.kicks.size > 10_000) this.forgetOld(now);
  }

  /** How long the person must still wait before joining the room again; 0 when they may now. */
  wait(room: string, key: string): number {
    const last = this.kicks.get(`${room} ${key}`);
    if (!last || last.count < 2) return 0;
    const wait = Math.min(FIRST_WAIT_MS * 2 ** (last.count - 2), MAX_WAIT_MS);
    return Math.max(0, last.at + wait - this.clock.now());
  }

  private forgetOld(now: number): void {
    for (const [id, kick] of this.kicks) if (now - kick.at >= KICK_MEMORY_MS) this.kicks.delete(id);
  }
}
