import { encodeServerMessage } from 'aurora-protocol';
import type { FanoutPayload } from '../cluster/fanout.js';
import type { Logger } from '../logger.js';
import type { Page, PageQuery } from '../store/store.js';
import { roomKey } from '../targets.js';

/** A stored target and the broker channels its messages go out on. */
export interface TargetChannels {
  readonly target: string;
  readonly channels: string[];
}

/** What the gap filler needs. */
export interface GapFillerOptions {
  /** Reads stored history (the store's `page`). */
  readonly history: (target: string, query: PageQuery) => Promise<Page>;
  /** Whether any of these channels has members on this node (nobody to fill for otherwise). */
  readonly interested: (channels: readonly string[]) => boolean;
  /** Hands a payload on, in order. */
  readonly emit: (payload: FanoutPayload) => void;
  readonly logger: Logger;
  /** Targets whose last seq is remembered; the oldest are forgotten past this. */
  readonly maxTargets?: number;
}

/** Messages read back per round trip while filling. */
const FILL_PAGE = 1000;
/** How far before a lost subscription a room is re-read, for clocks of nodes that disagree a little. */
const ROOM_CLOCK_MARGIN_MS = 5000;

/**
 * Keeps every target's stored messages contiguous on this node. Pub/sub loses what is published while
 * a subscription is down, but the append script stores before it publishes, so the missing messages
 * can be read back: when a seq arrives past the next one expected, and for every target this node's
 * sessions follow once the subscription is back (`catchUp`). Later messages of a target wait while it
 * is being filled. A target this node has not seen since it started is re-read from when the
 * subscription dropped. Sessions drop anything they already have (`Session.isNew`).
 */
export class GapFiller {
  private readonly last = new Map<string, number>();
  private readonly waiting = new Map<string, FanoutPayload[]>();
  private lostAt: number | undefined;
  private outage = false;

  constructor(private readonly options: GapFillerOptions) {}

  /** The subscription dropped at `at`: what is published until it is back never arrives. */
  lost(at: number): void {
    if (this.outage) return;
    this.outage = true;
    this.lostAt = at;
  }

  /** The subscription is back. */
  restored(): void {
    this.outage = false;
  }

  /** Takes a payload from pub/sub. */
  push(payload: FanoutPayload): void {
    const { target, seq } = payload;
    if (target === undefined || seq === undefined) {
      this.options.emit(payload);
      return;
    }
    const queue = this.waiting.get(target);
    if (queue) {
      queue.push(payload);
      return;
    }
    const last = this.last.get(target);
    const gap = last === undefined ? this.lostAt !== undefined : seq > last + 1;
    if (!gap || !this.options.interested(payload.channels)) {
      this.accept(payload);
      return;
    }
    this.run(target, [payload], () => this.fill(target, seq, payload.channels));
  }

  /** Brings targets up to date from the store without waiting for their next message. */
  catchUp(targets: readonly TargetChannels[]): void {
    for (const { target, channels } of targets) {
      if (this.waiting.has(target)) continue;
      this.run(target, [], async () => {
        const newest = (await this.options.history(target, { limit: 1 })).messages[0];
        const last = this.last.get(target);
        if (newest && (last === undefined || newest.seq > last))
          await this.fill(target, newest.seq + 1, channels);
      });
    }
  }

  /** Runs a fill of one target while its live payloads wait, then hands on those it did not cover. */
  private run(target: string, queued: FanoutPayload[], fill: () => Promise<void>): void {
    this.waiting.set(target, queued);
    fill()
      .catch((error: unknown) =>
        this.options.logger.warn('could not re-read missed messages', { target, error: String(error) }),
      )
      .finally(() => {
        const queue = this.waiting.get(target) ?? [];
        this.waiting.delete(target);
        const filled = this.last.get(target) ?? 0;
        for (const payload of queue) if ((payload.seq ?? 0) > filled) this.accept(payload);
      });
  }

  private accept(payload: FanoutPayload): void {
    const { target, seq } = payload;
    if (target !== undefined && seq !== undefined) {
      this.last.delete(target);
      this.last.set(target, seq);
      if (this.last.size > (this.options.maxTargets ?? 100_000)) {
        const oldest = this.last.keys().next().value;
        if (oldest !== undefined) this.last.delete(oldest);
      }
    }
    this.options.emit(payload);
  }

  /** Hands on the stored messages of `target` below `before` that this node has not seen. */
  private async fill(target: string, before: number, channels: string[]): Promise<void> {
    const hand = (messages: Page['messages']) => {
      for (const message of messages)
        this.accept({ channels, frame: encodeServerMessage(message), target, seq: message.seq });
    };
    const last = this.last.get(target);
    if (last === undefined) {
      const margin = target.startsWith(roomKey('')) ? ROOM_CLOCK_MARGIN_MS : 0;
      const notBefore = (this.lostAt ?? 0) - margin;
      hand((await this.options.history(target, { before, notBefore, limit: FILL_PAGE })).messages);
      return;
    }
    let after = last;
    for (;;) {
      const page = await this.options.history(target, { after, before, limit: FILL_PAGE });
      hand(page.messages);
      after = page.messages.at(-1)?.seq ?? after;
      if (!page.more) return;
    }
  }
}
