import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchConfig } from '../config.js';
import { Fleet, type StepOutcome } from '../load/fleet.js';
import { type ProcSample, sampleProcess } from '../proc-stats.js';
import { collectGarbage, inspectorUrl } from '../servers/inspector.js';
import type { RunningServer, ServerKind, StartOptions } from '../servers/server-kind.js';
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
  /** RSS growth over the empty server, per connection, a few seconds after connecting. */
  readonly kbPerConn: number;
  /**
   * The same after a full garbage collection of the server and of the empty baseline (Node servers,
   * forced through the inspector; CPython frees by reference counting, so it is the same figure).
   */
  readonly kbPerConnAfterGc: number;
}

/** Starts the server, runs `body`, and stops it (gracefully when profiling, so profiles are written). */
export async function withServer<T>(
  kind: ServerKind,
  context: RunContext,
  body: (server: RunningServer) => Promise<T>,
): Promise<T> {
  const server = await kind.start(context.start);
  try {
    return await body(server);
  } finally {
    await server.stop(context.start.profileDir !== undefined);
  }
}

/** Starts the server, connects `clients` joined in rooms of `roomSize`, runs `body`, tears down. */
function withFleet<T>(
  kind: ServerKind,
  context: RunContext,
  size: { readonly clients: number; readonly roomSize: number },
  body: (fleet: Fleet, sampleServer: () => ProcSample) => Promise<T>,
): Promise<T> {
  return withServer(kind, context, async (server) => {
    const fleet = new Fleet({ ports: server.ports, dialect: kind.dialect, roomSize: size.roomSize });
    try {
      await fleet.grow(size.clients);
      return await body(fleet, () => server.sample());
    } finally {
      fleet.close();
    }
  });
}

/**
 * Steady: a fixed, moderate rate; the latency distribution is the figure of merit, read over the
 * seconds of the window without steal time (a burst of steal stalls every process at once and
 * becomes the p99 of whichever server it falls on).
 */
export function runSteady(kind: ServerKind, context: RunContext): Promise<StepOutcome> {
  const config = context.config.steady;
  return withFleet(kind, context, config, (fleet, sampleServer) =>
    measureStep(
      fleet,
      {
        senders: config.senders,
        ratePerSender: config.ratePerSender,
        warmupMs: config.warmupMs,
        measureMs: config.measureMs,
        drainMs: config.drainMs,
        sampleServer,
      },
      context.log,
      context.config.retryOnContention,
      'quiet-seconds',
    ),
  );
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
  return withFleet(kind, context, config, (fleet, sampleServer) =>
    saturate(fleet, config, sampleServer, context.log, context.config.retryOnContention),
  );
}

/**
 * Idle memory: RSS growth per joined, silent connection, at each size in turn, read `settleMs` after
 * connecting and again after a forced full garbage collection.
 */
export function runIdle(kind: ServerKind, context: RunContext): Promise<IdlePoint[]> {
  const config = context.config.idle;
  return withServer(kind, { ...context, start: { ...context.start, inspect: true } }, async (server) => {
    const inspector = inspectorUrl(server.output());
    const measure = async (): Promise<{ asIs: number; afterGc: number }> => {
      await sleep(config.settleMs);
      const asIs = sampleProcess(server.pid).rssKb;
      if (inspector === undefined) return { asIs, afterGc: asIs };
      await collectGarbage(inspector);
      await sleep(1000);
      return { asIs, afterGc: sampleProcess(server.pid).rssKb };
    };
    const empty = await measure();
    const fleet = new Fleet({ ports: server.ports, dialect: kind.dialect, roomSize: config.roomSize });
    const points: IdlePoint[] = [];
    try {
      for (const connections of config.sizes) {
        await fleet.grow(connections);
        const { asIs, afterGc } = await measure();
        const point = {
          connections,
          rssKb: asIs,
          kbPerConn: (asIs - empty.asIs) / connections,
          kbPerConnAfterGc: (afterGc - empty.afterGc) / connections,
        };
        points.push(point);
        context.log(
          `  ${connections} idle connections: RSS ${Math.round(asIs / 1024)} MB, ${point.kbPerConn.toFixed(2)} KB each; ` +
            `${point.kbPerConnAfterGc.toFixed(2)} KB after a full GC`,
        );
      }
      return points;
    } finally {
      fleet.close();
    }
  });
}
