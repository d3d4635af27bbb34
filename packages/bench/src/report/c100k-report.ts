import type { C100kRun } from '../scenarios/c100k.js';
import { SERVERS } from '../servers/catalog.js';
import type { ServerName } from '../servers/server-kind.js';
import { formatNumber, formatSpread, spread } from './stats.js';

type C100kResults = Partial<Record<ServerName, C100kRun[]>>;

function round(value: number): number | null {
  return Number.isFinite(value) ? Math.round(value * 100) / 100 : null;
}

/** The C100k figures of `latest.json`: per server, medians over the repetitions (worst for counts). */
export function c100kFigures(results: C100kResults): Record<string, Record<string, number | string | null>> {
  const figures: Record<string, Record<string, number | string | null>> = {};
  for (const [name, runs] of Object.entries(results) as [ServerName, C100kRun[]][]) {
    if (runs.length === 0) continue;
    const median = (pick: (run: C100kRun) => number) => round(spread(runs.map(pick)).median);
    const failed = runs.find((run) => run.failed !== undefined)?.failed;
    figures[name] = {
      clients: runs[0]!.clients,
      rooms: runs[0]!.rooms,
      messages_per_s: runs[0]!.messagesPerS,
      welcomed: Math.min(...runs.map((run) => run.welcomed)),
      joined_ms: median((run) => run.joinedMs),
      share: median((run) => run.share),
      delivered_per_s: median((run) => run.deliveredPerS),
      p50_ms: median((run) => run.p50Ms),
      p99_ms: median((run) => run.p99Ms),
      rss_mb: median((run) => run.rssKb / 1024),
      rss_kb_per_conn: median((run) => run.rssKbPerConn),
      cpu_percent: median((run) => run.serverCpuPercent),
      generator_cpu_percent: median((run) => run.generatorCpuPercent),
      dropped: Math.max(...runs.map((run) => run.dropped)),
      ...(failed === undefined ? {} : { failed }),
    };
  }
  return figures;
}

/** The C100k section of `latest.md`: one line per server. */
export function renderC100kSection(results: C100kResults): string[] {
  const entries = (Object.entries(results) as [ServerName, C100kRun[]][]).filter(
    ([, runs]) => runs.length > 0,
  );
  if (entries.length === 0) return [];
  const [first] = entries[0]![1];
  const lines = [
    '## C100k',
    '',
    `${first!.clients.toLocaleString('en-US')} clients in ${first!.rooms.toLocaleString('en-US')} rooms from many loopback source addresses, then ` +
      `${first!.messagesPerS.toLocaleString('en-US')} messages a second (one sender per room) for the window; medians [range].`,
    '',
  ];
  for (const [name, runs] of entries) {
    const label = SERVERS[name].label;
    const failed = runs.filter((run) => run.failed !== undefined);
    if (failed.length === runs.length) {
      lines.push(
        `- ${label}: stopped at ${formatNumber(Math.max(...runs.map((run) => run.welcomed)))} welcomed: ${failed[0]!.failed}`,
      );
      continue;
    }
    const done = runs.filter((run) => run.failed === undefined);
    const of = (pick: (run: C100kRun) => number) => formatSpread(spread(done.map(pick)));
    lines.push(
      `- ${label}: welcomed ${formatNumber(Math.min(...done.map((run) => run.welcomed)))} in ${of((run) => run.joinedMs)} ms; ` +
        `delivered ${of((run) => run.share * 100)}%; p50 ${of((run) => run.p50Ms)} ms, p99 ${of((run) => run.p99Ms)} ms; ` +
        `RSS ${of((run) => run.rssKb / 1024)} MB (${of((run) => run.rssKbPerConn)} KB a connection); server CPU ${of((run) => run.serverCpuPercent)}%, generator CPU ${of((run) => run.generatorCpuPercent)}%; ` +
        `dropped ${Math.max(...done.map((run) => run.dropped))}` +
        (failed.length > 0 ? `; ${failed.length} run(s) stopped: ${failed[0]!.failed}` : ''),
    );
  }
  lines.push('');
  return lines;
}
