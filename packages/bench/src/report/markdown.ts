import { QUIET_MARGIN_MS, STEAL_SAMPLE_MS } from '../load/fleet.js';
import {
  GENERATOR_LIMIT_PERCENT,
  P99_LIMIT_MS,
  PASS_MEDIAN_MS,
  PASS_SHARE,
  QUIET_SHARE,
} from '../scenarios/saturation.js';
import { CLUSTER_NODES } from '../servers/aurora-cluster.js';
import { SERVERS } from '../servers/catalog.js';
import { SERVER_NAMES, type ServerName } from '../servers/server-kind.js';
import { renderBeforeAfterSection } from './before-after.js';
import { renderC100kSection } from './c100k-report.js';
import type { BenchResults, Summary } from './results.js';
import { renderSearchSection } from './search-markdown.js';
import { formatNumber, formatSpread, type Spread, spread } from './stats.js';
import type { TargetCheck } from './targets.js';

/** Column order of the tables (the catalogue's order); servers that did not run are left out. */
const COLUMNS: readonly ServerName[] = SERVER_NAMES;

/** A table row; `compared` false for figures whose ratio to bare ws means nothing. */
type Row = [
  label: string,
  pick: (summary: Summary, name: ServerName) => Spread | undefined,
  compared?: boolean,
];

function percent(value: Spread | undefined): Spread | undefined {
  return value && { median: value.median * 100, min: value.min * 100, max: value.max * 100 };
}

function cell(value: Spread | undefined, base: Spread | undefined, name: ServerName): string {
  if (value === undefined || Number.isNaN(value.median)) return '–';
  const ratio =
    name === 'ws' || base === undefined || !Number.isFinite(base.median) || base.median === 0
      ? ''
      : ` · **${(value.median / base.median).toFixed(2)}×**`;
  return `${formatSpread(value)}${ratio}`;
}

/** The results as markdown: the main table (each figure also as a ratio to bare ws), targets, notes. */
export function renderMarkdown(
  results: BenchResults,
  summary: Summary,
  targets: readonly TargetCheck[],
): string {
  const ran = COLUMNS.filter(
    (name) => summary.saturation[name] || summary.steady[name] || summary.idle[name] || summary.connect[name],
  );
  const { config } = results;
  const idleSizes = config.idle.sizes;
  const rows: Row[] = [
    [
      `Saturation cap, deliveries/s (≥ ${PASS_SHARE * 100}% delivered, median ≤ ${PASS_MEDIAN_MS} ms)`,
      (s, n) => s.saturation[n]?.cap,
    ],
    ['Saturation p99 at the cap, ms', (s, n) => s.saturation[n]?.p99],
    [
      `Saturation: highest rate with p99 < ${P99_LIMIT_MS} ms, deliveries/s`,
      (s, n) => s.saturation[n]?.under100,
    ],
    ['Saturation: server CPU at the cap, % of a core', (s, n) => s.saturation[n]?.cpu],
    ['Saturation: load generator CPU at the cap, % of a core', (s, n) => s.saturation[n]?.generatorCpu],
    ['Steady p50 latency, ms (seconds without steal time)', (s, n) => s.steady[n]?.p50],
    ['Steady p99 latency, ms (seconds without steal time)', (s, n) => s.steady[n]?.p99],
    ['Steady p99.9 latency, ms (seconds without steal time)', (s, n) => s.steady[n]?.p999],
    ['Steady p99 latency over the whole window, ms', (s, n) => s.steady[n]?.windowP99],
    [
      'Steady: seconds without steal time, % of the window',
      (s, n) => percent(s.steady[n]?.quietShare),
      false,
    ],
    ['Steady: server CPU, % of a core', (s, n) => s.steady[n]?.cpu],
    ['Steady: server RSS, MB', (s, n) => s.steady[n]?.rssMb],
    ...idleSizes.flatMap((size, index): Row[] => [
      [
        `Idle memory at ${size.toLocaleString('en-US')} connections, KB each`,
        (s, n) => s.idle[n]?.[index]?.kbPerConn,
      ],
      [
        `Idle memory at ${size.toLocaleString('en-US')} connections after a full GC, KB each`,
        (s, n) => s.idle[n]?.[index]?.kbPerConnAfterGc,
      ],
    ]),
    ...config.connect.shapes.flatMap(({ clients, roomSize }, index): Row[] => {
      const storm = `Connect ${clients.toLocaleString('en-US')} in rooms of ${roomSize.toLocaleString('en-US')}`;
      return [
        [`${storm}: last joined (with history), ms`, (s, n) => s.connect[n]?.[index]?.joinedMs],
        [`${storm}: last frame, ms`, (s, n) => s.connect[n]?.[index]?.settledMs],
        [`${storm}: frames received`, (s, n) => s.connect[n]?.[index]?.frames],
        [`${storm}: server CPU per connection, ms`, (s, n) => s.connect[n]?.[index]?.cpuMsPerConn],
        [`${storm}: server RSS per connection, KB`, (s, n) => s.connect[n]?.[index]?.rssKbPerConn],
      ];
    }),
  ];
  const header = `| | ${ran.map((name) => SERVERS[name].label).join(' | ')} |`;
  const rule = `|---|${ran.map(() => '--:').join('|')}|`;
  const body = rows.map(
    ([label, pick, compared = true]) =>
      `| ${label} | ${ran.map((name) => cell(pick(summary, name), compared ? pick(summary, 'ws') : undefined, name)).join(' | ')} |`,
  );
  const generatorBound = ran.filter((name) => (summary.saturation[name]?.generatorBoundRuns ?? 0) > 0);
  const generatorNote =
    generatorBound.length === 0
      ? []
      : [
          '',
          `Load generator at its limit (≥ ${GENERATOR_LIMIT_PERCENT}% CPU) when the ramp stopped, so the true cap is higher than shown: ` +
            generatorBound
              .map(
                (name) =>
                  `${SERVERS[name].label} (${summary.saturation[name]!.generatorBoundRuns} of ${config.repetitions} runs)`,
              )
              .join(', ') +
            '.',
        ];
  const skipped = Object.entries(results.skipped).map(
    ([name, why]) => `- ${SERVERS[name as ServerName].label}: ${why}`,
  );
  const targetRows = targets.map(
    ({ target, measured, met }) =>
      `| ${target} | ${measured} | ${met === undefined ? '–' : met ? 'met' : '**not met**'} |`,
  );
  const steady = config.steady;
  const saturation = config.saturation;
  const terminal = summary.terminal;
  return [
    `# Aurora benchmark${results.quick ? ' (quick smoke run: timings mean nothing)' : ''}`,
    '',
    `- Date: ${results.startedAt} to ${results.finishedAt}`,
    `- Machine: ${results.machine}`,
    `- Command: \`${results.command}\``,
    `- Aurora checkout: ${results.builds.today}${results.builds.before === undefined ? '' : `; before: ${results.builds.before}`}`,
    `- ${config.repetitions} repetition(s) per scenario, interleaved between servers. Cells: median [min–max] · ratio of the median to bare ws.`,
    '',
    // A run of the search scenario alone has no server columns.
    ...(ran.length > 0 ? [header, rule, ...body, ...generatorNote, ''] : []),
    ...renderBeforeAfterSection(summary),
    '## Targets (Aurora with validation, seqs, acks and the SQLite store on)',
    '',
    '| target | measured (medians) | |',
    '|---|--:|---|',
    ...targetRows,
    '',
    ...(terminal
      ? [
          '## Terminal client',
          '',
          `Frame time with ${formatNumber(results.terminal[0]!.loadedMessages)} messages loaded and ${results.terminal[0]!.arrivalsPerS} arriving per second: ` +
            `median ${formatSpread(terminal.frameP50)} ms, p99 ${formatSpread(terminal.frameP99)} ms; ` +
            `memory ${formatSpread(terminal.rssMb)} MB RSS (${formatSpread(terminal.heapMb)} MB JS heap). ` +
            `Pasting ${formatNumber(results.terminal[0]!.pasteBytes / 1000)} KB into the input (the slowest of lines, one line, CJK): ${formatSpread(terminal.pasteMs)} ms.`,
          '',
        ]
      : []),
    ...(results.reconnect.length > 0
      ? [
          '## Reconnect after a restart',
          '',
          `${formatNumber(results.reconnect[0]!.clients)} clients in rooms of ${results.reconnect[0]!.roomSize} resuming at once after a restart (SIGTERM, a new process on the same data): ` +
            `all resumed ${formatSpread(spread(results.reconnect.map((run) => run.resumedMs)))} ms after the new server listened; ` +
            `gaps ${Math.max(...results.reconnect.map((run) => run.gaps))}, not back ${Math.max(...results.reconnect.map((run) => run.lost))}, ` +
            `refused as busy ${formatSpread(spread(results.reconnect.map((run) => run.shed)))} (worst of ${results.reconnect.length} for gaps and not back).`,
          '',
        ]
      : []),
    ...renderC100kSection(results.c100k),
    ...(summary.search ? renderSearchSection(summary.search, config) : []),
    '## Scenarios',
    '',
    `- **Steady**: ${steady.clients} clients in rooms of ${steady.roomSize}, ${steady.senders} senders at ${steady.ratePerSender} msg/s, ${steady.measureMs / 1000} s measured after ${steady.warmupMs / 1000} s of warm-up. ` +
      `Its latency is read over the seconds of the window (by send time) during which no CPU lost time to steal, from ${QUIET_MARGIN_MS} ms before each to ${QUIET_MARGIN_MS} ms after (steal sampled every ${STEAL_SAMPLE_MS} ms from /proc/stat): on a virtual machine the host takes the CPUs away in bursts that stall every process at once and become the p99 of whichever server they fall on. ` +
      `The same rule for every server; the whole window's p99 is shown too. A run is measured again (up to 3 times, the quietest kept) when fewer than ${QUIET_SHARE * 100}% of its seconds were quiet.`,
    `- **Saturation**: ${saturation.clients} clients in rooms of ${saturation.roomSize}, all sending; from ${formatNumber(saturation.startPerS)} deliveries/s up by ×${saturation.coarseFactor} until a step fails, then ×${saturation.fineFactor} steps from the last pass; each step ${saturation.measureMs / 1000} s measured after ${saturation.warmupMs / 1000} s. Latency is from the time a message was due (open loop) to its arrival; messages not delivered within ${saturation.drainMs / 1000} s count as infinitely late.`,
    `- **Idle**: ${idleSizes.join(' then ')} joined, silent connections (rooms of ${config.idle.roomSize}); RSS growth over the empty server divided by the connections, ${config.idle.settleMs / 1000} s after connecting, and again after a full garbage collection of both (forced through the inspector in the Node servers).`,
    `- **Connect**: ${config.connect.shapes.map(({ clients, roomSize }) => `${clients} clients in rooms of ${roomSize}`).join(', then ')}, each storm on a fresh server: every client connects (128 at a time), says hello with its room and waits for \`joined\` (the room's history included). Timed from the first connection to the last \`joined\`, and to the last frame the storm caused (join notices still in flight; 500 ms of quiet end it); server CPU and RSS growth divided by the clients.`,
    `- **C100k**: ${formatNumber(config.c100k.clients)} clients in rooms of ${config.c100k.roomSize} from ${config.c100k.sourceAddresses} loopback source addresses (127.0.0.2 and up), then ${config.c100k.messagesPerS} messages a second, one sender per room, ${config.c100k.measureMs / 1000} s measured after ${config.c100k.warmupMs / 1000} s; every connection is an open file on both sides (\`ulimit -n\`); a run stopped by a limit reports how many were welcomed and why.`,
    '- **Persistence**: the saturation ramp of Aurora with its SQLite store (default) and with `--memory`.',
    ...(ran.includes('aurora-cluster') || ran.includes('aurora-cluster-before')
      ? [
          `- **Cluster**: steady and saturation as above, against ${CLUSTER_NODES} Aurora nodes on a redis-server of their own (no persistence); each room's first half connects to the first node and its second half to the second, so every message reaches half its room through Redis and the other node. ` +
            "Pinned, the nodes and Redis all share the server's core and the generator keeps the other, as for one server: the same CPU budget as one node, so the column shows what clustering costs, not how far it scales. " +
            "Its CPU and RSS are the three processes' sum; a step is measured again when other processes took the shared core, not for the time the three wait for each other. Idle, connect and C100k measure one process and leave it out.",
        ]
      : []),
    ...(summary.search
      ? [
          `- **Search**: Aurora on a copy of the seeded history (above); the search step is measured again, like a steady one, when fewer than ${QUIET_SHARE * 100}% of its seconds were quiet; then the saturation ramp on the same history with the index on and with \`--search-index off\`, interleaved.`,
        ]
      : []),
    ...(skipped.length > 0 ? ['', '## Skipped', '', ...skipped] : []),
    '',
  ].join('\n');
}
