import type { ServerName } from '../servers/server-kind.js';
import { beforeAfter, overlaps, ratio } from './before-after.js';
import { c100kFigures } from './c100k-report.js';
import type { BenchResults, Summary } from './results.js';
import type { SearchLatencySummary, SearchSummary } from './search-summary.js';
import { type Spread, spread } from './stats.js';
import type { TargetCheck } from './targets.js';

type Figures = Record<string, number | [number, number] | null>;

function figure(into: Figures, key: string, value: Spread | undefined): void {
  if (!value) return;
  into[key] = Number.isFinite(value.median) ? round(value.median) : null;
  into[`${key}_range`] = [round(value.min), round(value.max)];
}

function nullable(value: number | undefined): number | null {
  return value === undefined ? null : round(value);
}

function round(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 1000) / 1000 : value;
}

function perServer<T>(
  source: Partial<Record<ServerName, T>>,
  fill: (figures: Figures, value: T) => void,
): Record<string, Figures> {
  const out: Record<string, Figures> = {};
  for (const [name, value] of Object.entries(source) as [ServerName, T][]) {
    const figures: Figures = {};
    fill(figures, value);
    out[name] = figures;
  }
  return out;
}

function searchLatency(value: SearchLatencySummary): Figures {
  const figures: Figures = {};
  figure(figures, 'queries', value.queries);
  figure(figures, 'answered_share', value.answeredShare);
  figure(figures, 'p50_ms', value.p50);
  figure(figures, 'p99_ms', value.p99);
  figure(figures, 'p999_ms', value.p999);
  figure(figures, 'p99_quiet_ms', value.quietP99);
  figure(figures, 'mean_results', value.meanResults);
  return figures;
}

function searchFigures(search: SearchSummary) {
  const { seed } = search;
  const chat: Figures = {};
  figure(chat, 'p50_ms', search.chatP50);
  figure(chat, 'p99_ms', search.chatP99);
  figure(chat, 'share', search.chatShare);
  const caps: Figures = {};
  figure(caps, 'cap_index_on_per_s', search.capOn);
  figure(caps, 'cap_index_off_per_s', search.capOff);
  caps.cap_drop = search.capDrop === undefined ? null : round(search.capDrop);
  return {
    seed: {
      messages: seed.messages,
      rooms: seed.rooms,
      vocabulary: seed.vocabulary,
      seconds: round(seed.seconds),
      database_bytes: seed.index.databaseBytes,
      index_bytes: seed.index.indexBytes,
      index_share: round(seed.index.share),
      index_size_method: seed.index.method,
      index_tables: seed.index.tables,
      word_frequencies: seed.frequencies,
    },
    common: searchLatency(search.classes.common),
    medium: searchLatency(search.classes.medium),
    rare: searchLatency(search.classes.rare),
    all: searchLatency(search.all),
    chat_while_searching: chat,
    saturation: caps,
  };
}

/**
 * The machine-readable results (`latest.json`): medians under the keys, each with its
 * `_range` [min, max]. Infinite latencies (messages lost) are written as null.
 */
export function renderJson(results: BenchResults, summary: Summary, targets: readonly TargetCheck[]): string {
  const idle = (index: number) =>
    perServer(summary.idle, (figures, points) => {
      const point = points[index];
      if (!point) return;
      figures.connections = point.connections;
      figure(figures, 'kb_per_conn', point.kbPerConn);
      figure(figures, 'kb_per_conn_after_gc', point.kbPerConnAfterGc);
      figure(figures, 'rss_mb', point.rssMb);
    });
  const saturation = summary.saturation;
  const storeShare =
    saturation.aurora && saturation['aurora-memory'] && saturation['aurora-memory'].cap.median > 0
      ? round(1 - saturation.aurora.cap.median / saturation['aurora-memory'].cap.median)
      : null;
  const document = {
    machine: results.machine,
    command: results.command,
    builds: results.builds,
    started_at: results.startedAt,
    finished_at: results.finishedAt,
    quick: results.quick,
    repetitions: results.config.repetitions,
    skipped: results.skipped,
    scenarios: {
      saturation: perServer(saturation, (figures, value) => {
        figure(figures, 'cap_per_s', value.cap);
        figure(figures, 'p99_ms', value.p99);
        figure(figures, 'p99_under_100ms_per_s', value.under100);
        figure(figures, 'cpu_percent', value.cpu);
        figure(figures, 'generator_cpu_percent', value.generatorCpu);
        figures.generator_bound_runs = value.generatorBoundRuns;
      }),
      steady: perServer(summary.steady, (figures, value) => {
        figure(figures, 'delivered_per_s', value.delivered);
        figure(figures, 'share', value.share);
        figure(figures, 'p50_ms', value.p50);
        figure(figures, 'p99_ms', value.p99);
        figure(figures, 'p999_ms', value.p999);
        figure(figures, 'quiet_share', value.quietShare);
        figure(figures, 'p99_whole_window_ms', value.windowP99);
        figure(figures, 'cpu_percent', value.cpu);
        figure(figures, 'rss_mb', value.rssMb);
        figure(figures, 'generator_cpu_percent', value.generatorCpu);
      }),
      connect: perServer(summary.connect, (figures, shapes) => {
        for (const shape of shapes) {
          const prefix = `c${shape.clients}_r${shape.roomSize}`;
          figure(figures, `${prefix}_joined_ms`, shape.joinedMs);
          figure(figures, `${prefix}_settled_ms`, shape.settledMs);
          figure(figures, `${prefix}_frames`, shape.frames);
          figure(figures, `${prefix}_cpu_ms_per_conn`, shape.cpuMsPerConn);
          figure(figures, `${prefix}_rss_kb_per_conn`, shape.rssKbPerConn);
          figure(figures, `${prefix}_dropped`, shape.dropped);
        }
      }),
      ...(results.reconnect.length > 0
        ? {
            reconnect: {
              clients: results.reconnect[0]!.clients,
              resumed_ms: round(spread(results.reconnect.map((run) => run.resumedMs)).median),
              gaps: Math.max(...results.reconnect.map((run) => run.gaps)),
              lost: Math.max(...results.reconnect.map((run) => run.lost)),
              shed: round(spread(results.reconnect.map((run) => run.shed)).median),
            },
          }
        : {}),
      ...(Object.keys(results.c100k).length > 0 ? { c100k: c100kFigures(results.c100k) } : {}),
      idle5k: idle(0),
      idle10k: idle(1),
      persistence: {
        aurora: { cap_per_s: saturation.aurora ? round(saturation.aurora.cap.median) : null },
        'aurora-memory': {
          cap_per_s: saturation['aurora-memory'] ? round(saturation['aurora-memory'].cap.median) : null,
        },
        store_cost: storeShare,
      },
      ...(summary.terminal
        ? {
            terminal: {
              loaded_messages: results.terminal[0]!.loadedMessages,
              arrivals_per_s: results.terminal[0]!.arrivalsPerS,
              frame_p50_ms: round(summary.terminal.frameP50.median),
              frame_p99_ms: round(summary.terminal.frameP99.median),
              rss_mb: round(summary.terminal.rssMb.median),
              heap_mb: round(summary.terminal.heapMb.median),
              paste_bytes: results.terminal[0]!.pasteBytes,
              paste_ms: round(summary.terminal.pasteMs.median),
            },
          }
        : {}),
      ...(summary.search ? { search: searchFigures(summary.search) } : {}),
    },
    // Today's servers over the same on AURORA_BENCH_BEFORE_BIN, when the run had both.
    before_after: Object.fromEntries(
      beforeAfter(summary).map((entry) => [
        entry.today,
        {
          before: entry.before,
          cap_ratio: nullable(ratio(entry.cap)),
          cap_ranges_overlap: overlaps(entry.cap) ?? null,
          steady_p99_ratio: nullable(ratio(entry.steadyP99)),
          steady_p99_ranges_overlap: overlaps(entry.steadyP99) ?? null,
        },
      ]),
    ),
    targets: targets.map(({ target, measured, met }) => ({ target, measured, met: met ?? null })),
    runs: {
      steady: results.steady,
      saturation: results.saturation,
      idle: results.idle,
      connect: results.connect,
      reconnect: results.reconnect,
      c100k: results.c100k,
      terminal: results.terminal,
      ...(results.search ? { search: results.search } : {}),
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
