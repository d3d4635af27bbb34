import type { Summary } from './results.js';
import { formatNumber } from './stats.js';

/** One of the targets, checked against the medians of this run. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  /** Undefined when a server it compares with did not run. */
  readonly met: boolean | undefined;
}

function ratio(value: number | undefined, base: number | undefined): number | undefined {
  if (value === undefined || base === undefined || !Number.isFinite(base) || base === 0) return undefined;
  return value / base;
}

function check(
  target: string,
  value: number | undefined,
  limit: number,
  atMost: boolean,
  unit = '×',
): TargetCheck {
  if (value === undefined || Number.isNaN(value)) return { target, measured: 'not measured', met: undefined };
  const shown = unit === '%' ? `${(value * 100).toFixed(1)}%` : `${value.toFixed(2)}${unit}`;
  return { target, measured: shown, met: atMost ? value <= limit : value >= limit };
}

/** Search latency targets (issue #20), in milliseconds, for a one-word query under the steady load. */
export const SEARCH_P50_LIMIT_MS = 20;
export const SEARCH_P99_LIMIT_MS = 100;
/** The search index may cost at most this share of the saturation cap. */
export const SEARCH_CAP_DROP_LIMIT = 0.1;

function below(target: string, value: number | undefined, limit: number, unit: string): TargetCheck {
  if (value === undefined || Number.isNaN(value)) return { target, measured: 'not measured', met: undefined };
  return { target, measured: `${formatNumber(value)} ${unit}`, met: value < limit };
}

/** The search scenario's targets: latency of one-word queries, and what the index costs inserts. */
export function searchTargets(summary: Summary): TargetCheck[] {
  const search = summary.search;
  const size = search
    ? ` (${search.seed.messages.toLocaleString('en-US')} messages, ${search.seed.rooms} rooms, steady load on)`
    : '';
  const drop = search?.capDrop;
  return [
    below(
      `search: one-word query p50 < ${SEARCH_P50_LIMIT_MS} ms${size}`,
      search?.all.p50.median,
      SEARCH_P50_LIMIT_MS,
      'ms',
    ),
    below(
      `search: one-word query p99 < ${SEARCH_P99_LIMIT_MS} ms${size}`,
      search?.all.p99.median,
      SEARCH_P99_LIMIT_MS,
      'ms',
    ),
    {
      target: `search index costs < ${SEARCH_CAP_DROP_LIMIT * 100}% of the saturation cap`,
      measured: drop === undefined ? 'not measured' : `${(drop * 100).toFixed(1)}%`,
      met: drop === undefined ? undefined : drop < SEARCH_CAP_DROP_LIMIT,
    },
  ];
}

/** The targets for Aurora (validation, seqs, acks and SQLite on) and the terminal client. */
export function checkTargets(summary: Summary): TargetCheck[] {
  const { saturation, steady, idle, terminal } = summary;
  const largestIdle = (name: 'aurora' | 'ws') => idle[name]?.at(-1)?.kbPerConn.median;
  const largestIdleAfterGc = (name: 'aurora' | 'ws') => idle[name]?.at(-1)?.kbPerConnAfterGc.median;
  const storeCost = ratio(saturation.aurora?.cap.median, saturation['aurora-memory']?.cap.median);
  return [
    check(
      'saturation cap ≥ 0.9× bare ws',
      ratio(saturation.aurora?.cap.median, saturation.ws?.cap.median),
      0.9,
      false,
    ),
    check(
      'saturation cap ≥ 1.4× Socket.IO',
      ratio(saturation.aurora?.cap.median, saturation.socketio?.cap.median),
      1.4,
      false,
    ),
    check('steady p99 ≤ 1.5× bare ws', ratio(steady.aurora?.p99.median, steady.ws?.p99.median), 1.5, true),
    check(
      'steady p99 never worse than Socket.IO (≤ 1×)',
      ratio(steady.aurora?.p99.median, steady.socketio?.p99.median),
      1,
      true,
    ),
    check(
      'idle memory per connection ≤ 1.5× bare ws',
      ratio(largestIdle('aurora'), largestIdle('ws')),
      1.5,
      true,
    ),
    check(
      'idle memory per connection ≤ 1.5× bare ws, after a full GC',
      ratio(largestIdleAfterGc('aurora'), largestIdleAfterGc('ws')),
      1.5,
      true,
    ),
    check(
      'SQLite store costs < 10% of the cap',
      storeCost === undefined ? undefined : 1 - storeCost,
      0.1,
      true,
      '%',
    ),
    {
      target: 'terminal frame p99 < 16 ms',
      measured: terminal ? `${formatNumber(terminal.frameP99.median)} ms` : 'not measured',
      met: terminal ? terminal.frameP99.median < 16 : undefined,
    },
    {
      target: 'terminal 100 KB paste < 500 ms',
      measured: terminal ? `${formatNumber(terminal.pasteMs.median)} ms` : 'not measured',
      met: terminal ? terminal.pasteMs.median < 500 : undefined,
    },
    {
      target: 'terminal client memory < 200 MB',
      measured: terminal ? `${formatNumber(terminal.rssMb.median)} MB RSS` : 'not measured',
      met: terminal ? terminal.rssMb.median < 200 : undefined,
    },
    ...searchTargets(summary),
  ];
}
