import type { BenchConfig } from '../config.js';
import { classRanks, WORD_CLASSES } from '../search/query-words.js';
import type { SearchLatencySummary, SearchSummary } from './search-summary.js';
import { formatSpread, type Spread } from './stats.js';

const MB = 2 ** 20;

/** A count as people write it: `1,000,000`. */
function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function cells(summary: SearchSummary, pick: (latency: SearchLatencySummary) => Spread): string {
  return [...WORD_CLASSES.map((wordClass) => summary.classes[wordClass]), summary.all]
    .map((latency) => formatSpread(pick(latency)))
    .join(' | ');
}

/** The search section of the results: latency per word class, the index's size, the caps. */
export function renderSearchSection(summary: SearchSummary, config: BenchConfig): string[] {
  const { seed } = summary;
  const plan = config.search.corpus;
  const ranks = classRanks(plan.vocabulary);
  const words = WORD_CLASSES.map((wordClass) => {
    const { from, to } = ranks[wordClass];
    const { minDocs, maxDocs } = seed.frequencies[wordClass];
    return `ranks ${count(from)}–${count(to)}, each in ${count(minDocs)}–${count(maxDocs)} messages`;
  });
  const index = seed.index;
  const shadow = Object.entries(index.tables)
    .filter(([name]) => name.startsWith('message_index_'))
    .map(([name, bytes]) => `${name.slice('message_index_'.length)} ${(bytes / MB).toFixed(1)} MB`)
    .join(', ');
  const method =
    index.method === 'dbstat'
      ? `pages of the FTS5 shadow tables \`message_index_*\` by SQLite's \`dbstat\` (${shadow})`
      : 'the bytes of the FTS5 segments (`message_index_data` blocks; `dbstat` is not compiled in), a lower bound';
  const steady = config.steady;
  return [
    '## Search',
    '',
    `${count(seed.messages)} messages in ${seed.rooms} rooms over ${plan.spanDays} days, ${count(seed.vocabulary)} words drawn by a Zipf law (exponent ${plan.zipfExponent}), ` +
      `seeded through the server's own store (\`SqliteStore\`) in ${seed.seconds.toFixed(1)} s, once for the run. ` +
      `One account, a member of every room, sends ${config.search.queriesPerS} one-word searches a second (open loop; common, medium and rare words in turn), ` +
      `each timed from when it was due to its \`search_results\`, while the steady load runs (${steady.clients} clients, ${steady.senders} senders at ${steady.ratePerSender} msg/s); ` +
      `${config.search.measureMs / 1000} s measured after ${config.search.warmupMs / 1000} s. Cells: median [min–max] of the repetitions.`,
    '',
    '| | common | medium | rare | all |',
    '|---|--:|--:|--:|--:|',
    `| words | ${words.join(' | ')} | |`,
    `| queries measured | ${cells(summary, (latency) => latency.queries)} |`,
    `| p50, ms | ${cells(summary, (latency) => latency.p50)} |`,
    `| p99, ms | ${cells(summary, (latency) => latency.p99)} |`,
    `| p99.9, ms | ${cells(summary, (latency) => latency.p999)} |`,
    `| p99 over the seconds without steal time, ms | ${cells(summary, (latency) => latency.quietP99)} |`,
    `| results per answer (a page is 20) | ${cells(summary, (latency) => latency.meanResults)} |`,
    '',
    `- Chat while searching: p50 ${formatSpread(summary.chatP50)} ms, p99 ${formatSpread(summary.chatP99)} ms (seconds without steal time), ` +
      `${formatSpread({ median: summary.chatShare.median * 100, min: summary.chatShare.min * 100, max: summary.chatShare.max * 100 })}% delivered.`,
    `- Index size: ${(index.indexBytes / MB).toFixed(1)} MB of a ${(index.databaseBytes / MB).toFixed(1)} MB database, ` +
      `**${(index.share * 100).toFixed(1)}%**: ${method}. Not counted: the document number each message row carries (\`messages.doc\`, a few bytes a row).`,
    `- Saturation cap on the seeded history, deliveries/s: search index on ${formatSpread(summary.capOn)}, ` +
      `\`--search-index off\` ${formatSpread(summary.capOff)}` +
      (summary.capDrop === undefined
        ? '.'
        : `: the index costs **${(summary.capDrop * 100).toFixed(1)}%** of the cap (medians).`),
    '',
  ];
}
