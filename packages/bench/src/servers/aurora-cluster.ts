import { auroraDialect } from '../load/dialects.js';
import { groupSampler } from '../proc-stats.js';
import { AURORA_BIN, beforeBin, beforeUnavailable, launchAurora } from './aurora.js';
import { redisUnavailable, startRedis } from './redis.js';
import type { RunningServer, ServerKind, StartOptions } from './server-kind.js';
import type { Launched } from './spawn.js';

/** Nodes of the benchmark's cluster. */
export const CLUSTER_NODES = 2;

/**
 * Aurora as a cluster: a redis-server of its own and {@link CLUSTER_NODES} Aurora nodes on it
 * (`--redis`), each with the bench flags. The fleet puts half of every room on each node, so every
 * message reaches half its room through Redis and the other node. Pinned, all three processes share
 * the server's core: on a two-core machine the generator keeps the other, as for every server, so
 * the cluster is measured on the same CPU budget as one node (what clustering costs, not what it
 * scales to).
 */
export function auroraCluster(name: 'aurora-cluster' | 'aurora-cluster-before', label: string): ServerKind {
  const before = name === 'aurora-cluster-before';
  return {
    name,
    label,
    dialect: auroraDialect,
    oneProcess: false,
    unavailable: () => (before ? beforeUnavailable() : undefined) ?? redisUnavailable(),
    start: (options) => startCluster(options, before ? beforeBin() : AURORA_BIN),
  };
}

async function startCluster(options: StartOptions, bin: string): Promise<RunningServer> {
  const redis = await startRedis(options.cpu);
  const nodes: Launched[] = [];
  const stop = async (graceful = false) => {
    // Nodes first: a node whose Redis vanished logs outages and retries while it shuts down.
    await Promise.all(nodes.map((node) => node.stop(graceful)));
    await redis.stop();
  };
  try {
    // One after the other, so their start-up (Lua scripts, heartbeats) does not race.
    for (let i = 0; i < CLUSTER_NODES; i++)
      nodes.push(await launchAurora(options, ['--redis', redis.url], bin));
  } catch (error) {
    await stop();
    throw error;
  }
  const first = nodes[0]!;
  return {
    ...first,
    ports: nodes.map((node) => node.port),
    sample: groupSampler([...nodes.map((node) => node.pid), redis.pid], options.cpu),
    output: () => nodes.map((node, index) => `node ${index + 1}:\n${node.output()}`).join('\n'),
    stop,
  };
}
