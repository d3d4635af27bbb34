import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Fleet } from '../load/fleet.js';
import { sampleProcess } from '../proc-stats.js';
import type { ServerKind } from '../servers/server-kind.js';
import { type RunContext, withServer } from './server-runs.js';

/** The C100k load: `clients` in rooms of `roomSize`, then `messagesPerS` for `measureMs`. */
export interface C100kShape {
  readonly clients: number;
  readonly roomSize: number;
  /** Messages a second over all rooms (one sender per room, evenly phased). */
  readonly messagesPerS: number;
  readonly warmupMs: number;
  readonly measureMs: number;
  readonly drainMs: number;
  /**
   * Loopback source addresses the clients connect from (127.0.0.2 and up): each address has
   * `net.ipv4.ip_local_port_range` ports (28,232 by default), so 100,000 need at least four.
   */
  readonly sourceAddresses: number;
}

/** What one C100k run measured. */
export interface C100kRun {
  readonly clients: number;
  readonly rooms: number;
  /** Clients that had their `joined` (all of them unless `failed`). */
  readonly welcomed: number;
  /** From the first connection until the last client was welcomed into its room. */
  readonly joinedMs: number;
  readonly messagesPerS: number;
  /** Delivered share of the deliveries owed for the messages sent in the window. */
  readonly share: number;
  readonly deliveredPerS: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Server RSS at the end of the window, and its growth over the empty server per connection. */
  readonly rssKb: number;
  readonly rssKbPerConn: number;
  readonly serverCpuPercent: number;
  /**
   * The generator's CPU over the window: near 100% its one core, not the server, sets the latency
   * (each of 100,000 sockets reads its own frames, one system call each).
   */
  readonly generatorCpuPercent: number;
  /** Connections the server closed. */
  readonly dropped: number;
  /** What stopped the run (an `EMFILE` at the file limit, a refused or timed-out client), if anything. */
  readonly failed?: string;
}

/** Connections each side keeps besides the clients' (listening socket, database, pipes, inspector). */
const SPARE_FILES = 64;

/** The soft limit on open files of this process (`ulimit -n`); the server inherits it. */
export function openFilesLimit(limits = readFileSync('/proc/self/limits', 'utf8')): number {
  const match = /^Max open files\s+(\d+|unlimited)/m.exec(limits);
  return match === null || match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
}

/**
 * C100k: `clients` connections from many loopback source addresses, each joined to its room, then
 * one message a second from one member of every room (open loop) while every member receives.
 * Reports whether everyone was welcomed and everything delivered, p99, and the server's RSS. A run
 * stopped by a limit (the open-files limit: every connection is a file on both sides) reports how
 * far it got and why instead of ending the harness.
 */
export function runC100k(kind: ServerKind, context: RunContext, shape: C100kShape): Promise<C100kRun> {
  const rooms = Math.ceil(shape.clients / shape.roomSize);
  const files = openFilesLimit();
  if (files < shape.clients + SPARE_FILES)
    context.log(
      `  ulimit -n is ${files}: ${shape.clients.toLocaleString('en-US')} connections need at least ` +
        `${(shape.clients + SPARE_FILES).toLocaleString('en-US')} open files in the server and in the generator ` +
        '(see the production section of packages/server/README.md)',
    );
  return withServer(kind, context, async (server) => {
    const before = sampleProcess(server.pid);
    const fleet = new Fleet({
      ports: server.ports,
      dialect: kind.dialect,
      roomSize: shape.roomSize,
      sourceAddresses: shape.sourceAddresses,
    });
    const startedAt = performance.now();
    const failedRun = (failed: string): C100kRun => ({
      clients: shape.clients,
      rooms,
      welcomed: fleet.size,
      joinedMs: Number.POSITIVE_INFINITY,
      messagesPerS: shape.messagesPerS,
      share: 0,
      deliveredPerS: 0,
      p50Ms: Number.POSITIVE_INFINITY,
      p99Ms: Number.POSITIVE_INFINITY,
      rssKb: sampleProcess(server.pid).rssKb,
      rssKbPerConn: Number.NaN,
      serverCpuPercent: Number.NaN,
      generatorCpuPercent: Number.NaN,
      dropped: fleet.lost,
      failed,
    });
    try {
      try {
        await fleet.grow(shape.clients);
      } catch (error) {
        const failed = `${(error as Error).message} with ${fleet.size.toLocaleString('en-US')} welcomed`;
        context.log(`  ${shape.clients} clients in ${rooms} rooms: stopped: ${failed}`);
        return failedRun(failed);
      }
      const joinedMs = performance.now() - startedAt;
      context.log(
        `  ${fleet.size} clients welcomed into ${rooms} rooms in ${Math.round(joinedMs)} ms; ` +
          `${shape.messagesPerS} messages/s for ${shape.measureMs / 1000} s`,
      );
      const step = await fleet.run({
        senders: Math.min(rooms, shape.messagesPerS),
        ratePerSender: shape.messagesPerS / Math.min(rooms, shape.messagesPerS),
        warmupMs: shape.warmupMs,
        measureMs: shape.measureMs,
        drainMs: shape.drainMs,
        sampleServer: () => sampleProcess(server.pid),
      });
      const run: C100kRun = {
        clients: shape.clients,
        rooms,
        welcomed: fleet.size,
        joinedMs,
        messagesPerS: shape.messagesPerS,
        share: step.share,
        deliveredPerS: step.deliveredPerS,
        p50Ms: step.p50Ms,
        p99Ms: step.p99Ms,
        rssKb: step.serverRssKb,
        rssKbPerConn: (step.serverRssKb - before.rssKb) / shape.clients,
        serverCpuPercent: step.serverCpuPercent,
        generatorCpuPercent: step.generatorCpuPercent,
        dropped: step.dropped,
      };
      context.log(
        `  delivered ${(run.share * 100).toFixed(2)}% (${Math.round(run.deliveredPerS)}/s), p50 ${run.p50Ms.toFixed(1)} ms, ` +
          `p99 ${run.p99Ms.toFixed(1)} ms, RSS ${Math.round(run.rssKb / 1024)} MB (${run.rssKbPerConn.toFixed(1)} KB a connection), ` +
          `server CPU ${Math.round(run.serverCpuPercent)}%, generator CPU ${Math.round(run.generatorCpuPercent)}%, dropped ${run.dropped}`,
      );
      return run;
    } finally {
      fleet.close();
    }
  });
}
