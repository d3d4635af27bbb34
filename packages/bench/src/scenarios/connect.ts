import { performance } from 'node:perf_hooks';
import { Fleet } from '../load/fleet.js';
import { sampleProcess } from '../proc-stats.js';
import type { ServerKind } from '../servers/server-kind.js';
import { type RunContext, withServer } from './server-runs.js';

/** One shape of the connect storm: `clients` connecting at once into rooms of `roomSize`. */
export interface ConnectShape {
  readonly clients: number;
  readonly roomSize: number;
}

/** What one connect storm measured. */
export interface ConnectRun extends ConnectShape {
  /** From the first connection attempt until the last client had its `joined` (with its history). */
  readonly joinedMs: number;
  /** Until the last frame of the storm arrived (join notices still in flight after the last `joined`). */
  readonly settledMs: number;
  /** Text frames the clients received in all, up to the settle (join notices, histories, replies). */
  readonly frames: number;
  /** Server CPU spent on the storm, per connection, in milliseconds. */
  readonly cpuMsPerConn: number;
  /** Server RSS growth over the empty server, per connection, once settled. */
  readonly rssKbPerConn: number;
  readonly rssKb: number;
  /** Connections closed by the server during the storm. */
  readonly dropped: number;
  /** Why the storm did not complete (a client refused or timed out); its times are then infinite. */
  readonly failed?: string;
}

/** Quiet needed after the last frame before the storm counts as settled. */
const SETTLE_QUIET_MS = 500;
/** How long after the last `joined` the storm may keep sending notices before the run gives up. */
const SETTLE_LIMIT_MS = 600_000;

/**
 * Connect storm: `clients` connections opened as fast as the generator can (128 at a time), each
 * saying hello with its room in it; timed until the last one is welcomed into its room with the
 * room's history (`joined`), and until the last frame the storm caused has arrived.
 */
export function runConnect(kind: ServerKind, context: RunContext, shape: ConnectShape): Promise<ConnectRun> {
  return withServer(kind, context, async (server) => {
    const before = sampleProcess(server.pid);
    const fleet = new Fleet({ ports: server.ports, dialect: kind.dialect, roomSize: shape.roomSize });
    try {
      const startedAt = performance.now();
      try {
        await fleet.grow(shape.clients);
      } catch (error) {
        const failed = `${(error as Error).message} after ${Math.round(performance.now() - startedAt)} ms`;
        context.log(`  ${shape.clients} clients in rooms of ${shape.roomSize}: failed: ${failed}`);
        const after = sampleProcess(server.pid);
        return {
          ...shape,
          joinedMs: Number.POSITIVE_INFINITY,
          settledMs: Number.POSITIVE_INFINITY,
          frames: fleet.frames,
          cpuMsPerConn: ((after.cpuSeconds - before.cpuSeconds) * 1000) / shape.clients,
          rssKbPerConn: Number.NaN,
          rssKb: after.rssKb,
          dropped: fleet.lost,
          failed,
        };
      }
      const joinedAt = performance.now();
      const lastFrameAt = await fleet.settle(SETTLE_QUIET_MS, SETTLE_LIMIT_MS);
      const after = sampleProcess(server.pid);
      const run: ConnectRun = {
        ...shape,
        joinedMs: joinedAt - startedAt,
        settledMs: Math.max(joinedAt, lastFrameAt) - startedAt,
        frames: fleet.frames,
        cpuMsPerConn: ((after.cpuSeconds - before.cpuSeconds) * 1000) / shape.clients,
        rssKbPerConn: (after.rssKb - before.rssKb) / shape.clients,
        rssKb: after.rssKb,
        dropped: fleet.lost,
      };
      context.log(
        `  ${shape.clients} clients in rooms of ${shape.roomSize}: joined in ${Math.round(run.joinedMs)} ms, ` +
          `settled in ${Math.round(run.settledMs)} ms, ${run.frames} frames, ${run.cpuMsPerConn.toFixed(2)} ms CPU ` +
          `and ${run.rssKbPerConn.toFixed(1)} KB each` +
          (fleet.refusedForLoad > 0
            ? `, ${fleet.refusedForLoad} greetings refused for load and retried`
            : ''),
      );
      return run;
    } finally {
      fleet.close();
    }
  });
}
