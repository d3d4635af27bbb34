import type { SearchResults } from '../scenarios/search.js';
import { WORD_CLASSES, type WordClass } from '../search/query-words.js';
import type { SearchLatency } from '../search/searcher.js';
import type { SeedReport } from '../search/seed.js';
import { type Spread, spread } from './stats.js';

/** One word class's search latency over the repetitions. */
export interface SearchLatencySummary {
  readonly queries: Spread;
  /** Share of the queries answered with results (the rest: errors or no answer in time). */
  readonly answeredShare: Spread;
  readonly p50: Spread;
  readonly p99: Spread;
  readonly p999: Spread;
  /** p99 over the seconds without steal time. */
  readonly quietP99: Spread;
  readonly meanResults: Spread;
}

/** The search scenario reduced to medians and ranges. */
export interface SearchSummary {
  readonly seed: SeedReport;
  readonly classes: Readonly<Record<WordClass, SearchLatencySummary>>;
  readonly all: SearchLatencySummary;
  /** The chat load's latency while searching (seconds without steal time). */
  readonly chatP50: Spread;
  readonly chatP99: Spread;
  readonly chatShare: Spread;
  /** Saturation cap on the seeded history, deliveries a second, with the index on and off. */
  readonly capOn: Spread;
  readonly capOff: Spread;
  /** What the index costs: 1 - the median cap with it on / the median with it off. */
  readonly capDrop: number | undefined;
}

function latency(figures: readonly SearchLatency[]): SearchLatencySummary {
  return {
    queries: spread(figures.map((one) => one.queries)),
    answeredShare: spread(
      figures.map((one) => (one.queries === 0 ? Number.NaN : one.answered / one.queries)),
    ),
    p50: spread(figures.map((one) => one.p50Ms)),
    p99: spread(figures.map((one) => one.p99Ms)),
    p999: spread(figures.map((one) => one.p999Ms)),
    quietP99: spread(figures.map((one) => one.quiet.p99Ms)),
    meanResults: spread(figures.map((one) => one.meanResults)),
  };
}

/** Medians and ranges of the search scenario's repetitions. */
export function summariseSearch(results: SearchResults): SearchSummary {
  const searches = results.runs.map((run) => run.search);
  const capOn = spread(results.saturation.on.map((run) => run.capPerS));
  const capOff = spread(results.saturation.off.map((run) => run.capPerS));
  return {
    seed: results.seed,
    classes: Object.fromEntries(
      WORD_CLASSES.map((wordClass) => [
        wordClass,
        latency(searches.map((search) => search.classes[wordClass])),
      ]),
    ) as Record<WordClass, SearchLatencySummary>,
    all: latency(searches.map((search) => search.all)),
    chatP50: spread(results.runs.map((run) => run.steady.quiet.p50Ms)),
    chatP99: spread(results.runs.map((run) => run.steady.quiet.p99Ms)),
    chatShare: spread(results.runs.map((run) => run.steady.share)),
    capOn,
    capOff,
    capDrop:
      capOff.median > 0 && Number.isFinite(capOn.median) ? 1 - capOn.median / capOff.median : undefined,
  };
}
