import { describe, expect, it } from 'vitest';
import { FULL_CONFIG } from '../config.js';
import type { StepOutcome } from '../load/fleet.js';
import type { SaturationRun } from '../scenarios/saturation.js';
import type { SearchResults } from '../scenarios/search.js';
import type { SearchLatency, SearchOutcome } from '../search/searcher.js';
import type { SeedReport } from '../search/seed.js';
import type { Summary } from './results.js';
import { renderSearchSection } from './search-markdown.js';
import { summariseSearch } from './search-summary.js';
import { searchTargets } from './targets.js';

const quiet = { share: 1, p50Ms: 1, p99Ms: 2, p999Ms: 3 };

function latency(p50Ms: number, p99Ms: number, queries = 400): SearchLatency {
  return {
    queries,
    answered: queries,
    p50Ms,
    p99Ms,
    p999Ms: p99Ms * 2,
    quiet: { ...quiet, p99Ms },
    meanResults: 20,
  };
}

function outcome(p50Ms: number, p99Ms: number): SearchOutcome {
  return {
    queriesPerS: 20,
    classes: {
      common: latency(p50Ms * 2, p99Ms * 2),
      medium: latency(p50Ms, p99Ms),
      rare: latency(p50Ms / 2, p99Ms / 2),
    },
    all: latency(p50Ms, p99Ms, 1200),
    errors: {},
  };
}

const steady = { share: 1, quiet } as StepOutcome;
const saturation = (capPerS: number) => ({ capPerS }) as SaturationRun;

const seed: SeedReport = {
  messages: 1_000_000,
  rooms: 100,
  vocabulary: 5000,
  seconds: 61.4,
  index: {
    method: 'dbstat',
    databaseBytes: 400 * 2 ** 20,
    indexBytes: 100 * 2 ** 20,
    share: 0.25,
    tables: { messages: 280 * 2 ** 20, message_index_data: 90 * 2 ** 20, message_index_idx: 10 * 2 ** 20 },
  },
  frequencies: {
    common: { minDocs: 90_000, maxDocs: 650_000 },
    medium: { minDocs: 3000, maxDocs: 9800 },
    rare: { minDocs: 150, maxDocs: 480 },
  },
};

function results(p50s: number[], p99s: number[], capsOn: number[], capsOff: number[]): SearchResults {
  return {
    seed,
    runs: p50s.map((p50, i) => ({ steady, search: outcome(p50, p99s[i]!) })),
    saturation: { on: capsOn.map(saturation), off: capsOff.map(saturation) },
  };
}

const withSearch = (search: SearchResults) => ({ search: summariseSearch(search) }) as Summary;

describe('the search report', () => {
  const met = results(
    [4, 3, 5],
    [30, 20, 90],
    [1_300_000, 1_350_000, 1_400_000],
    [1_400_000, 1_420_000, 1_450_000],
  );

  it('takes the median and range of the repetitions, per word class and over all', () => {
    const summary = summariseSearch(met);
    expect(summary.all.p50).toEqual({ median: 4, min: 3, max: 5 });
    expect(summary.all.p99).toEqual({ median: 30, min: 20, max: 90 });
    expect(summary.classes.common.p50.median).toBe(8);
    expect(summary.classes.rare.p99.median).toBe(15);
    expect(summary.capOn.median).toBe(1_350_000);
    expect(summary.capDrop).toBeCloseTo(1 - 1_350_000 / 1_420_000, 10);
  });

  it('checks the three targets, met or not', () => {
    expect(searchTargets(withSearch(met))).toEqual([
      expect.objectContaining({ measured: '4.00 ms', met: true }),
      expect.objectContaining({ measured: '30.0 ms', met: true }),
      expect.objectContaining({ measured: '4.9%', met: true }),
    ]);
    const slow = results([25, 30, 22], [150, 90, 200], [1_000_000], [1_400_000]);
    expect(searchTargets(withSearch(slow)).map((check) => check.met)).toEqual([false, false, false]);
    expect(searchTargets(withSearch(slow))[0]!.target).toContain('1,000,000 messages, 100 rooms');
  });

  it('says not measured when the scenario did not run, or the ramps did not', () => {
    expect(searchTargets({ search: undefined } as Summary).map((check) => check.met)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    const noRamps = results([4], [30], [], []);
    expect(searchTargets(withSearch(noRamps))[2]).toMatchObject({ measured: 'not measured', met: undefined });
  });

  it('renders a row per figure with a column per class, the index share and the caps', () => {
    const text = renderSearchSection(summariseSearch(met), FULL_CONFIG).join('\n');
    expect(text).toContain('| | common | medium | rare | all |');
    expect(text).toContain(
      '| p50, ms | 8.00 [6.00–10.0] | 4.00 [3.00–5.00] | 2.00 [1.50–2.50] | 4.00 [3.00–5.00] |',
    );
    expect(text).toContain('ranks 1–10, each in 90,000–650,000 messages');
    expect(text).toContain('ranks 2,501–5,000, each in 150–480 messages');
    expect(text).toContain('100.0 MB of a 400.0 MB database, **25.0%**');
    expect(text).toContain('data 90.0 MB, idx 10.0 MB');
    expect(text).toContain('1,000,000 messages in 100 rooms');
    expect(text).toContain("seeded through the server's own store (`SqliteStore`) in 61.4 s");
    expect(text).toContain('the index costs **4.9%** of the cap');
  });
});
