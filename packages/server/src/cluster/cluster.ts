import { CloseCode } from 'aurora-protocol';
import type { Redis } from 'ioredis';
import { decodeLogout, LOGOUT_CHANNEL } from '../broker/control.js';
import { RedisBroker } from '../broker/redis.js';
import type { Clock } from '../clock.js';
import { RedisDirectory } from '../directory/redis.js';
import type { Hub } from '../hub.js';
import { createId, type IdFactory } from '../ids.js';
import type { Logger } from '../logger.js';
import { decodeRoomControl, ROOMS_CHANNEL } from '../rooms/evictions.js';
import { RedisStore } from '../store/redis.js';
import { RedisAttemptLog } from '../store/redis-attempts.js';
import { buildRedisSearchIndex } from '../store/redis-search-build.js';
import type { Retention } from '../store/store.js';
import { RedisKeys } from './keys.js';
import { localTargets } from './local-targets.js';
import { type ClusterTimings, DEFAULT_CLUSTER_TIMINGS, NodeHeartbeat } from './node-heartbeat.js';
import { reportOutages } from './outage.js';
import { Reaper } from './reaper.js';
import { reassert } from './reassert.js';
import { connectRedis, probe } from './redis-connection.js';
import { repeat } from './repeat.js';

/** What a cluster node is built with. */
export interface ClusterOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly retention?: Retention;
  readonly timings?: ClusterTimings;
  /** Key prefix (tests run several clusters on one Redis). */
  readonly keys?: RedisKeys;
  readonly ids?: IdFactory;
}

/** One node's Redis parts, and what ties them to its hub. */
export interface ClusterNode {
  readonly nodeId: string;
  readonly store: RedisStore;
  /** Settles once the search index covers the history from before search (built in the background). */
  readonly searchIndexBuilt: Promise<void>;
  readonly broker: RedisBroker;
  readonly directory: RedisDirectory;
  /** Log-in attempts, counted in Redis so every node enforces the same throttle. */
  readonly attempts: RedisAttemptLog;
  /** Wires the hub in: other nodes' log-outs, the reaper, re-registration after a loss. */
  attach(hub: Hub): void;
  /** Stops the timers and closes both connections (after the hub and the parts closed). */
  close(): Promise<void>;
}

/**
 * Connects a node to Redis: a command connection (store, directory, live frames) and a subscriber,
 * and registers the node's heartbeat. Throws `RedisUnreachableError` when Redis does not answer.
 */
export async function startCluster(url: string, options: ClusterOptions): Promise<ClusterNode> {
  const { clock, logger } = options;
  const timings = options.timings ?? DEFAULT_CLUSTER_TIMINGS;
  const keys = options.keys ?? new RedisKeys();
  const ids = options.ids ?? createId;
  const command = await connectRedis(url, 'command', logger);
  let connected: Redis | undefined;
  try {
    connected = await connectRedis(url, 'subscriber', logger);
    const subscriber = connected;
    const nodeId = ids('n');
    const store = new RedisStore({ redis: command, keys, clock, ids, retention: options.retention ?? {} });
    const directory = new RedisDirectory(command, nodeId, keys);
    const broker = new RedisBroker({
      command,
      subscriber,
      nodeId,
      logger,
      keys,
      history: (target, query) => store.page(target, query),
      now: () => clock.now(),
    });
    let lost = async (_reaped: boolean) => {};
    const heartbeat = new NodeHeartbeat(command, keys, nodeId, timings, clock, logger, (reaped) =>
      lost(reaped),
    );
    await heartbeat.start();
    await broker.start();
    logger.info('cluster node registered', { node: nodeId });
    // In the background: a large history takes a while, and searches find what is indexed so far.
    const searchIndexBuilt = buildRedisSearchIndex(command, keys, nodeId, logger).catch((error: unknown) =>
      logger.warn('building the search index failed; it is tried again at the next start', {
        error: String(error),
      }),
    );
    const stops: (() => void)[] = [
      () => heartbeat.close(),
      repeat(clock, timings.heartbeatMs, 'probe', logger, async () => {
        await Promise.all([probe(command, logger), probe(subscriber, logger)]);
      }),
    ];
    return {
      nodeId,
      store,
      searchIndexBuilt,
      broker,
      directory,
      attempts: new RedisAttemptLog(command, keys),
      attach(hub) {
        broker.setInterest((channel) => hub.channelSize(channel) > 0);
        broker.setLocalTargets(() => localTargets(hub, (key) => store.accounts.directTargets(key)));
        broker.onControl((channel, frame) => {
          const logout = channel === LOGOUT_CHANNEL ? decodeLogout(frame) : undefined;
          if (logout) hub.closeAccountConnections(logout, false);
          const control = channel === ROOMS_CHANNEL ? decodeRoomControl(frame) : undefined;
          if (control) hub.roomControl(control, false);
        });
        lost = async (reaped) => {
          if (!reaped) return reassert(hub, directory);
          for (const session of hub.sessions) session.peer.close(CloseCode.GoingAway, 'cluster state lost');
        };
        reportOutages(command, hub, clock);
        const reaper = new Reaper(hub, directory, store, clock, timings);
        command.on('ready', () => {
          reaper.postpone();
          heartbeat
            .beat()
            .catch((error: unknown) => logger.warn('heartbeat failed', { error: String(error) }));
        });
        stops.push(
          repeat(clock, timings.sweepMs, 'reaper', logger, async () => {
            if (command.status !== 'ready') return; // the outage is logged once, by the connection
            const left = await reaper.sweep();
            if (left > 0) logger.info('reaped connections of dead nodes', { left });
          }),
        );
      },
      async close() {
        // A build still running stops with the connection (logged), and resumes at the next start.
        for (const stop of stops) stop();
        await Promise.all([quit(command), quit(subscriber)]);
      },
    };
  } catch (error) {
    command.disconnect();
    connected?.disconnect();
    throw error;
  }
}

async function quit(redis: Redis): Promise<void> {
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
