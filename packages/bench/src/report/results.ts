import type { BenchConfig } from '../config.js';
import type { StepOutcome } from '../load/fleet.js';
import type { C100kRun } from '../scenarios/c100k.js';
import type { ConnectRun } from '../scenarios/connect.js';
import type { ReconnectRun } from '../scenarios/reconnect.js';
import type { SaturationRun } from '../scenarios/saturation.js';
import type { SearchResults } from '../scenarios/search.js';
import type { IdlePoint } from '../scenarios/server-runs.js';
import type { ServerName } from '../servers/server-kind.js';
import { type SearchSummary, summariseSearch } from './search-summary.js';
import { type Spread, spread } from './stats.js';

/** The terminal client's frame benchmark (see `terminal/`). */
export interface TerminalRun {
  readonly loadedMessages: number;
  readonly arrivalsPerS: number;
  readonly frames: number;
  readonly frameP50Ms: number;
  readonly frameP99Ms: number;
  readonly frameMaxMs: number;
  /** Resident memory of the process driving the client, after the run. */
  readonly rssMb: number;
  readonly heapMb: number;
  /** Size of the text pasted into the input. */
  readonly pasteBytes: number;
  /** The slowest paste's time from the first read to the screen drawn (see `terminal/paste.ts`). */
  readonly pasteMs: number;
}

/** Everything one harness run measured, per server and repetition. */
export interface BenchResults {
  readonly machine: string;
  readonly command: string;
  /** The checkouts of the Aurora builds measured (`describeBuild`): the workspace's, and `AURORA_BENCH_BEFORE_BIN`'s. */
  readonly builds: { readonly today: string; readonly before?: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly quick: boolean;
  readonly config: BenchConfig;
  /** Servers that could not run, with the reason. */
  readonly skipped: Partial<Record<ServerName, string>>;
  readonly steady: Partial<Record<ServerName, StepOutcome[]>>;
  readonly saturation: Partial<Record<ServerName, SaturationRun[]>>;
  readonly idle: Partial<Record<ServerName, IdlePoint[][]>>;
  /** Connect storms: per server, per shape of `config.connect.shapes`, the repetitions. */
  readonly connect: Partial<Record<ServerName, ConnectRun[][]>>;
  /** Reconnect storms after a restart (Aurora), one per repetition. */
  readonly reconnect: ReconnectRun[];
  /** C100k runs: per server, the repetitions. */
  readonly c100k: Partial<Record<ServerName, C100kRun[]>>;
  readonly terminal: TerminalRun[];
  /** The search scenario (Aurora on a seeded history), when it ran. */
  readonly search?: SearchResults | undefined;
}

/** Saturation figures of one server over its repetitions. */
export interface SaturationSummary {
  readonly cap: Spread;
  readonly generatorCpu: Spread;
  /** Runs whose cap was set by the generator running out of CPU. */
  readonly generatorBoundRuns: number;
  readonly p99: Spread;
  readonly under100: Spread;
  readonly cpu: Spread;
}

/** Steady figures of one server over its repetitions. */
export interface SteadySummary {
  readonly delivered: Spread;
  readonly share: Spread;
  /** Latency over the seconds without steal time (see `StepOutcome.quiet`). */
  readonly p50: Spread;
  readonly p99: Spread;
  readonly p999: Spread;
  /** Share of the window those seconds were. */
  readonly quietShare: Spread;
  /** p99 over the whole window, steal and all. */
  readonly windowP99: Spread;
  readonly cpu: Spread;
  readonly rssMb: Spread;
  readonly generatorCpu: Spread;
}

/** Idle memory of one server at one connection count. */
export interface IdleSummary {
  readonly connections: number;
  readonly kbPerConn: Spread;
  readonly kbPerConnAfterGc: Spread;
  readonly rssMb: Spread;
}

/** A connect storm of one server and shape over its repetitions. */
export interface ConnectSummary {
  readonly clients: number;
  readonly roomSize: number;
  readonly joinedMs: Spread;
  readonly settledMs: Spread;
  readonly frames: Spread;
  readonly cpuMsPerConn: Spread;
  readonly rssKbPerConn: Spread;
  readonly dropped: Spread;
}

/** Medians and ranges of everything, per server. */
export interface Summary {
  readonly saturation: Partial<Record<ServerName, SaturationSummary>>;
  readonly steady: Partial<Record<ServerName, SteadySummary>>;
  readonly idle: Partial<Record<ServerName, IdleSummary[]>>;
  readonly connect: Partial<Record<ServerName, ConnectSummary[]>>;
  readonly terminal:
    | {
        readonly frameP50: Spread;
        readonly frameP99: Spread;
        readonly rssMb: Spread;
        readonly heapMb: Spread;
        readonly pasteMs: Spread;
      }
    | undefined;
  readonly search: SearchSummary | undefined;
}

function mapServers<T, U>(
  runs: Partial<Record<ServerName, T>>,
  summarise: (value: T) => U,
): Partial<Record<ServerName, U>> {
  const out: Partial<Record<ServerName, U>> = {};
  for (const [name, value] of Object.entries(runs) as [ServerName, T][]) out[name] = summarise(value);
  return out;
}

/** Reduces the repetitions to medians and ranges. */
export function summarise(results: BenchResults): Summary {
  return {
    saturation: mapServers(results.saturation, (runs) => ({
      cap: spread(runs.map((run) => run.capPerS)),
      p99: spread(runs.map((run) => run.capP99Ms)),
      under100: spread(runs.map((run) => run.under100PerS)),
      cpu: spread(runs.map((run) => run.capCpuPercent)),
      generatorCpu: spread(runs.map((run) => run.capGeneratorCpuPercent)),
      generatorBoundRuns: runs.filter((run) => run.generatorBound).length,
    })),
    steady: mapServers(results.steady, (runs) => ({
      delivered: spread(runs.map((run) => run.deliveredPerS)),
      share: spread(runs.map((run) => run.share)),
      p50: spread(runs.map((run) => run.quiet.p50Ms)),
      p99: spread(runs.map((run) => run.quiet.p99Ms)),
      p999: spread(runs.map((run) => run.quiet.p999Ms)),
      quietShare: spread(runs.map((run) => run.quiet.share)),
      windowP99: spread(runs.map((run) => run.p99Ms)),
      cpu: spread(runs.map((run) => run.serverCpuPercent)),
      rssMb: spread(runs.map((run) => run.serverRssKb / 1024)),
      generatorCpu: spread(runs.map((run) => run.generatorCpuPercent)),
    })),
    idle: mapServers(results.idle, (runs) =>
      (runs[0] ?? []).map((point, index) => ({
        connections: point.connections,
        kbPerConn: spread(runs.map((run) => run[index]?.kbPerConn ?? Number.NaN)),
        kbPerConnAfterGc: spread(runs.map((run) => run[index]?.kbPerConnAfterGc ?? Number.NaN)),
        rssMb: spread(runs.map((run) => (run[index]?.rssKb ?? Number.NaN) / 1024)),
      })),
    ),
    connect: mapServers(results.connect, (shapes) =>
      shapes.map((runs) => ({
        clients: runs[0]?.clients ?? 0,
        roomSize: runs[0]?.roomSize ?? 0,
        joinedMs: spread(runs.map((run) => run.joinedMs)),
        settledMs: spread(runs.map((run) => run.settledMs)),
        frames: spread(runs.map((run) => run.frames)),
        cpuMsPerConn: spread(runs.map((run) => run.cpuMsPerConn)),
        rssKbPerConn: spread(runs.map((run) => run.rssKbPerConn)),
        dropped: spread(runs.map((run) => run.dropped)),
      })),
    ),
    terminal:
      results.terminal.length === 0
        ? undefined
        : {
            frameP50: spread(results.terminal.map((run) => run.frameP50Ms)),
            frameP99: spread(results.terminal.map((run) => run.frameP99Ms)),
            rssMb: spread(results.terminal.map((run) => run.rssMb)),
            heapMb: spread(results.terminal.map((run) => run.heapMb)),
            pasteMs: spread(results.terminal.map((run) => run.pasteMs)),
          },
    search: results.search === undefined ? undefined : summariseSearch(results.search),
  };
}
