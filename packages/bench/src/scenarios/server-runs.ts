import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchConfig } from '../config.js';
import { Fleet, type StepOutcome } from '../load/fleet.js';
import { sampleProcess } from '../proc-stats.js';
import type { ServerKind, StartOptions } from '../servers/catalog.js';
import type { Launched } from '../servers/spawn.js';
import { measureStep, type SaturationRun, saturate } from './saturation.js';

/** What every scenario run needs besides the server. */
export interface RunContext {
  readonly config: BenchConfig;
  readonly start: StartOptions;
  readonly log: (line: string) => void;
}

/** Memory of one idle-connections count. */
export interface IdlePoint {
  readonly connections: number;
  readonly rssKb: number;
  /** RSS growth over the empty server, per connection. */
  readonly kbPerConn: number;
}

async function withServer<T>(
  kind: ServerKind,
  context: RunContext,
  body: (server: Launched) => Promise<T>,
): Promise<T> {
  const server = await kind.start(context.start);
  try {
    return await body(server);
  } finally {
    await server.stop(context.start.profileDir !== undefined);
  }
}

/** Steady: a fixed, moderate rate; the latency distribution is the figure of merit. */
export function runSteady(kind: ServerKind, context: RunContext): Promise<StepOutcome> {
  const config = context.config.steady;
  return withServer(kind, context, async (server) => {
    const fleet = new Fleet({ port: server.port, dialect: kind.dialect, roomSize: config.roomSize });
    try {
      await fleet.grow(config.clients);
      return await measureStep(
        fleet,
        {
          senders: config.senders,
          ratePerSender: config.ratePerSender,
          warmupMs: config.warmupMs,
          measureMs: config.measureMs,
          drainMs: config.drainMs,
          sampleServer: () => sampleProcess(server.pid),
        },
        context.log,
        context.config.retryOnContention,
      );
    } finally {
      fleet.close();
    }
  });
}

/**
 * Saturation: the rate steps up until the server stops keeping up. A repetition starts at half the
 * cap the previous one found (never below the configured start), so fast servers skip the steps
 * far below their cap.
 */
export function runSaturation(
  kind: ServerKind,
  context: RunContext,
  previousCapPerS = 0,
): Promise<SaturationRun> {
  const base = context.config.saturation;
  const config = { ...base, startPerS: Math.max(base.startPerS, previousCapPerS / 2) };
  return withServer(kind, context, async (server) => {
    const fleet = new Fleet({ port: server.port, dialect: kind.dialect, roomSize: config.roomSize });
    try {
      await fleet.grow(config.clients);
      return await saturate(
        fleet,
        config,
        () => sampleProcess(server.pid),
        context.log,
        context.config.retryOnContention,
      );
    } finally {
      fleet.close();
    }
  });
}

/** Idle memory: RSS growth per joined, silent connection, at each size in turn. */
export function runIdle(kind: ServerKind, context: RunContext): Promise<IdlePoint[]> {
  const config = context.config.idle;
  return withServer(kind, context, async (server) => {
    await sleep(config.settleMs);
    const empty = sampleProcess(server.pid).rssKb;
    const fleet = new Fleet({ port: server.port, dialect: kind.dialect, roomSize: config.roomSize });
    const points: IdlePoint[] = [];
    try {
      for (const connections of config.sizes) {
        await fleet.grow(connections);
        await sleep(config.settleMs);
        const rssKb = sampleProcess(server.pid).rssKb;
        points.push({ connections, rssKb, kbPerConn: (rssKb - empty) / connections });
        context.log(
          `  ${connections} idle connections: RSS ${Math.round(rssKb / 1024)} MB, ${((rssKb - empty) / connections).toFixed(2)} KB each`,
        );
      }
      return points;
    } finally {
      fleet.close();
    }
  });
}
