import { encodeServerMessage } from 'aurora-protocol';
import type { FanoutPayload } from '../cluster/fanout.js';
import type { Logger } from '../logger.js';
import type { Page, PageQuery } from '../store/store.js';
import { roomKey } from '../targets.js';

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
 * a subscription is down; the append script stores before it publishes, so when a seq arrives past
 * the next one expected, the missing messages are read back from the store and handed on first
 * (later ones of that target wait meanwhile). A target not seen since the node started is re-read
 * from when the subscription dropped. Sessions drop anything they already have (`Session.isNew`).
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
    this.waiting.set(target, [payload]);
    this.fill(target, seq, payload.channels, last)
      .catch((error: unknown) =>
        this.options.logger.warn('could not re-read missed messages', { target, error: String(error) }),
      )
      .finally(() => this.drain(target));
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

  private async fill(
    target: string,
    before: number,
    channels: string[],
    last: number | undefined,
  ): Promise<void> {
    const hand = (messages: Page['messages']) => {
      for (const message of messages)
        this.accept({ channels, frame: encodeServerMessage(message), target, seq: message.seq });
    };
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

  private drain(target: string): void {
    const queue = this.waiting.get(target) ?? [];
    this.waiting.delete(target);
    for (const payload of queue) this.accept(payload);
  }
}
