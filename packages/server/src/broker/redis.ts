import type { Redis } from 'ioredis';
import { decodeFanout, encodeFanout } from '../cluster/fanout.js';
import { RedisKeys } from '../cluster/keys.js';
import type { Logger } from '../logger.js';
import type { Page, PageQuery } from '../store/store.js';
import type { Broker, Delivery } from './broker.js';
import { CONTROL_PREFIX } from './control.js';
import { GapFiller, type TargetChannels } from './gap-filler.js';

/** What {@link RedisBroker} needs. */
export interface RedisBrokerOptions {
  /** The command connection, shared with the store so a node's publishes and appends keep their order. */
  readonly command: Redis;
  /** A connection of its own: in subscriber mode it can run nothing else. */
  readonly subscriber: Redis;
  readonly nodeId: string;
  readonly logger: Logger;
  /** Stored history, to re-read what pub/sub lost while the subscription was down. */
  readonly history: (target: string, query: PageQuery) => Promise<Page>;
  readonly keys?: RedisKeys;
  readonly now?: () => number;
}

/**
 * Fan-out between nodes over Redis pub/sub. Every node subscribes once to one fanout channel (no
 * per-room subscriptions to keep in step with joins, so a join never races its subscription) and
 * hands each payload to its hub, which drops channels nobody on this node is in. Stored messages are
 * published by the store's append script itself; this broker publishes the live frames (presence,
 * typing, read markers) on the same command connection, so one node's frames keep their order.
 */
export class RedisBroker implements Broker {
  private readonly keys: RedisKeys;
  private readonly gaps: GapFiller;
  private receiver: ((delivery: Delivery) => void) | undefined;
  private controlHandler: ((channel: string, frame: string) => void) | undefined;
  private interest: (channel: string) => boolean = () => true;
  private localTargets: () => Promise<TargetChannels[]> = async () => [];
  private subscribed = false;
  private lost = false;

  constructor(private readonly options: RedisBrokerOptions) {
    this.keys = options.keys ?? new RedisKeys();
    this.gaps = new GapFiller({
      history: options.history,
      interested: (channels) => channels.some((channel) => this.interest(channel)),
      emit: (payload) => {
        for (const channel of payload.channels)
          this.receiver?.({
            channel,
            frame: payload.frame,
            ...(payload.target === undefined ? {} : { target: payload.target, seq: payload.seq }),
          });
      },
      logger: options.logger,
    });
    const { subscriber } = options;
    subscriber.on('message', (channel: string, payload: string) => this.received(channel, payload));
    subscriber.on('close', () => {
      if (!this.subscribed) return;
      this.lost = true;
      this.gaps.lost((options.now ?? Date.now)());
    });
    subscriber.on('ready', () => {
      this.gaps.restored();
      this.catchUpOnceReady();
    });
    // The catch-up reads history over the command connection. After a partition both connections
    // reconnect, in either order: with the subscriber back first, reading at once failed (no
    // offline queue) and the missed messages were never read back.
    options.command.on('ready', () => this.catchUpOnceReady());
  }

  /** Subscribes to the fanout and control channels; ioredis subscribes again after reconnecting. */
  async start(): Promise<void> {
    await this.options.subscriber.subscribe(this.keys.fanout, this.keys.control);
    this.subscribed = true;
  }

  publish(delivery: Delivery): void {
    const { command, nodeId } = this.options;
    const sent = delivery.channel.startsWith(CONTROL_PREFIX)
      ? command.publish(this.keys.control, `${nodeId}\n${delivery.channel}\n${delivery.frame}`)
      : command.publish(
          this.keys.fanout,
          encodeFanout([delivery.channel], delivery.frame, delivery.target, String(delivery.seq ?? '')),
        );
    // Live frames are best effort: while Redis is away they are lost (and the outage logged once).
    sent.catch((error: unknown) =>
      this.options.logger.debug('publish failed', { channel: delivery.channel, error: String(error) }),
    );
  }

  onDelivery(receiver: (delivery: Delivery) => void): void {
    this.receiver = receiver;
  }

  /** Registers the handler of other nodes' control frames (log-outs), by broker channel. */
  onControl(handler: (channel: string, frame: string) => void): void {
    this.controlHandler = handler;
  }

  /** Tells the broker which channels have members on this node, so it re-reads only for them. */
  setInterest(interest: (channel: string) => boolean): void {
    this.interest = interest;
  }

  /** Tells the broker which targets this node's sessions follow, to catch up on after an outage. */
  setLocalTargets(localTargets: () => Promise<TargetChannels[]>): void {
    this.localTargets = localTargets;
  }

  async close(): Promise<void> {
    this.receiver = undefined;
    this.controlHandler = undefined;
  }

  /**
   * Once the subscription is confirmed again (so nothing published from now on is missed), reads back
   * what every target followed here lost meanwhile.
   */
  private async catchUp(): Promise<void> {
    await this.options.subscriber.subscribe(this.keys.fanout, this.keys.control);
    this.gaps.catchUp(await this.localTargets());
  }

  /** Catches up after a lost subscription once both connections are ready; a failure waits for the next. */
  private catchUpOnceReady(): void {
    const { command, subscriber, logger } = this.options;
    if (!this.lost || command.status !== 'ready' || subscriber.status !== 'ready') return;
    this.lost = false;
    this.catchUp().catch((error: unknown) => {
      this.lost = true;
      logger.warn('could not catch up after resubscribing', { error: String(error) });
    });
  }

  private received(channel: string, payload: string): void {
    if (channel === this.keys.control) {
      const [node, control, ...frame] = payload.split('\n');
      if (node !== this.options.nodeId && control !== undefined)
        this.controlHandler?.(control, frame.join('\n'));
      return;
    }
    const decoded = decodeFanout(payload);
    if (decoded) this.gaps.push(decoded);
    else this.options.logger.warn('dropped a malformed fanout payload', { bytes: payload.length });
  }
}
