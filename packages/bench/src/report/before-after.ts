import { SERVERS } from '../servers/catalog.js';
import type { ServerName } from '../servers/server-kind.js';
import type { Summary } from './results.js';
import { formatSpread, type Spread } from './stats.js';

/** Today's servers and the same on the build `AURORA_BENCH_BEFORE_BIN` names. */
const PAIRS = [
  ['aurora', 'aurora-before'],
  ['aurora-cluster', 'aurora-cluster-before'],
] as const satisfies readonly (readonly [ServerName, ServerName])[];

/** One server today beside the same server before: medians and ranges, and today ÷ before. */
export interface BeforeAfter {
  readonly today: ServerName;
  readonly before: ServerName;
  readonly cap: readonly [Spread, Spread] | undefined;
  readonly steadyP99: readonly [Spread, Spread] | undefined;
}

function pair(pick: (name: ServerName) => Spread | undefined, today: ServerName, before: ServerName) {
  const now = pick(today);
  const then = pick(before);
  return now && then ? ([now, then] as const) : undefined;
}

/** The pairs of this run that ran both builds (none without `AURORA_BENCH_BEFORE_BIN`). */
export function beforeAfter(summary: Summary): BeforeAfter[] {
  return PAIRS.map(([today, before]) => ({
    today,
    before,
    cap: pair((name) => summary.saturation[name]?.cap, today, before),
    steadyP99: pair((name) => summary.steady[name]?.p99, today, before),
  })).filter((entry) => entry.cap !== undefined || entry.steadyP99 !== undefined);
}

/** Today's median over the earlier build's; undefined where either is missing or zero. */
export function ratio(values: readonly [Spread, Spread] | undefined): number | undefined {
  if (values === undefined) return undefined;
  const [today, before] = values;
  return Number.isFinite(today.median) && Number.isFinite(before.median) && before.median !== 0
    ? today.median / before.median
    : undefined;
}

/**
 * Whether two spreads' ranges overlap: with a few repetitions on a shared machine, the simplest
 * honest reading of "within noise".
 */
export function overlaps(values: readonly [Spread, Spread] | undefined): boolean | undefined {
  if (values === undefined) return undefined;
  const [today, before] = values;
  return today.min <= before.max && before.min <= today.max;
}

function cells(values: readonly [Spread, Spread] | undefined): string {
  if (values === undefined) return '– | – | –';
  const shown = ratio(values);
  const noise = overlaps(values) ? ' (ranges overlap)' : '';
  return `${formatSpread(values[0])} | ${formatSpread(values[1])} | ${shown === undefined ? '–' : `**${shown.toFixed(2)}×**`}${noise}`;
}

/** The before/after section of `latest.md`, when the run had `-before` servers. */
export function renderBeforeAfterSection(summary: Summary): string[] {
  const entries = beforeAfter(summary);
  if (entries.length === 0) return [];
  return [
    '## Before and after (`AURORA_BENCH_BEFORE_BIN`)',
    '',
    'The same servers on two builds, interleaved in this run; medians [range]. A cap above 1× and a p99 below 1× are better today.',
    '',
    '| | cap today | cap before | today ÷ before | steady p99 today, ms | before, ms | today ÷ before |',
    '|---|--:|--:|--:|--:|--:|--:|',
    ...entries.map(
      (entry) => `| ${SERVERS[entry.today].label} | ${cells(entry.cap)} | ${cells(entry.steadyP99)} |`,
    ),
    '',
  ];
}
