import { Fleet, type StepOutcome } from '../load/fleet.js';
import { loadAverage } from '../machine.js';
import { sampleProcess } from '../proc-stats.js';
import { corpusVocabulary, roomName } from '../search/corpus.js';
import { classRanks, QueryWords } from '../search/query-words.js';
import { seededRandom } from '../search/random.js';
import { Searcher, type SearchOutcome } from '../search/searcher.js';
import { type SeedReport, seedFolder } from '../search/seed.js';
import { aurora } from '../servers/aurora.js';
import type { ServerKind } from '../servers/server-kind.js';
import { describeStep, measureAgain, type SaturationRun } from './saturation.js';
import { type RunContext, runSaturation, withServer } from './server-runs.js';

/** One repetition of the search step: the chat load and the searches measured together. */
export interface SearchRun {
  readonly steady: StepOutcome;
  readonly search: SearchOutcome;
}

/** Everything the search scenario measured. */
export interface SearchResults {
  readonly seed: SeedReport;
  readonly runs: SearchRun[];
  /** The saturation ramp on the seeded history, with the search index on and off. */
  readonly saturation: { readonly on: SaturationRun[]; readonly off: SaturationRun[] };
}

/** The searcher's account (a name no seeded sender or load client has). */
const SEARCHER = { name: 'searcher', password: 'bench-search-password' };

/**
 * The search scenario: seeds a history once for the run, then for each repetition starts Aurora
 * on a copy of it and measures one-word searches while the steady load runs, and the saturation
 * cap with the index on and off (interleaved, like the other scenarios' servers).
 */
export async function runSearchScenario(context: RunContext): Promise<SearchResults> {
  const { config, log } = context;
  const plan = config.search.corpus;
  log(`search: seeding ${plan.messages.toLocaleString('en-US')} messages in ${plan.rooms} rooms`);
  const seeded = await seedFolder(plan, log);
  const { report } = seeded;
  log(
    `  seeded in ${report.seconds.toFixed(1)} s; index ${(report.index.indexBytes / 2 ** 20).toFixed(1)} MB ` +
      `of ${(report.index.databaseBytes / 2 ** 20).toFixed(1)} MB (${(report.index.share * 100).toFixed(1)}%, ${report.index.method})`,
  );
  try {
    const on = aurora('aurora', 'Aurora, search index on', { seedDir: seeded.dir });
    const off = aurora('aurora', 'Aurora, --search-index off', { seedDir: seeded.dir, searchIndex: false });
    const results: SearchResults = { seed: report, runs: [], saturation: { on: [], off: [] } };
    for (let repetition = 0; repetition < config.repetitions; repetition++) {
      log(
        `search ${repetition + 1}/${config.repetitions}: searching under the steady load (load ${loadAverage()})`,
      );
      results.runs.push(await runSearchStep(on, context, repetition));
    }
    for (let repetition = 0; repetition < config.repetitions; repetition++) {
      const order = repetition % 2 === 0 ? [on, off] : [off, on];
      for (const kind of order) {
        const runs = kind === on ? results.saturation.on : results.saturation.off;
        log(
          `search ${repetition + 1}/${config.repetitions}: saturation, ${kind.label} (load ${loadAverage()})`,
        );
        runs.push(await runSaturation(kind, context, runs.at(-1)?.capPerS ?? 0));
      }
    }
    return results;
  } finally {
    await seeded.remove();
  }
}

/**
 * One repetition: the searcher (a member of every seeded room) and the steady load's clients join,
 * then both run for the same warm-up and window. Measured again, like a steady step, when other
 * processes or the host took the CPUs (judged by the load's step, which spans the same window).
 */
async function runSearchStep(kind: ServerKind, context: RunContext, repetition: number): Promise<SearchRun> {
  const { config, log } = context;
  const steady = config.steady;
  const search = config.search;
  const vocabulary = corpusVocabulary(search.corpus);
  const ranks = classRanks(search.corpus.vocabulary);
  const rooms = Array.from({ length: search.corpus.rooms }, (_, index) => roomName(index));
  return withServer(kind, context, async (server) => {
    const searcher = await Searcher.open({ port: server.port, rooms, ...SEARCHER });
    const fleet = new Fleet({ ports: server.ports, dialect: kind.dialect, roomSize: steady.roomSize });
    try {
      await fleet.grow(steady.clients);
      let attempt = 0;
      const measure = async (): Promise<SearchRun> => {
        const words = new QueryWords(
          vocabulary,
          ranks,
          seededRandom(search.corpus.seed * 1000 + repetition * 10 + attempt++),
        );
        const timing = { warmupMs: search.warmupMs, measureMs: search.measureMs, drainMs: search.drainMs };
        const [steadyOutcome, searchOutcome] = await Promise.all([
          fleet.run({
            senders: steady.senders,
            ratePerSender: steady.ratePerSender,
            ...timing,
            sampleServer: () => sampleProcess(server.pid),
          }),
          searcher.run({ queriesPerS: search.queriesPerS, ...timing }, words),
        ]);
        log(describeStep(steadyOutcome));
        log(describeSearch(searchOutcome));
        return { steady: steadyOutcome, search: searchOutcome };
      };
      return await measureAgain(measure, (run) => run.steady, 'quiet-seconds', log, config.retryOnContention);
    } finally {
      fleet.close();
      searcher.close();
    }
  });
}

/** One line for the progress log. */
export function describeSearch(outcome: SearchOutcome): string {
  const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'inf');
  const classes = Object.entries(outcome.classes)
    .map(([name, figures]) => `${name} ${ms(figures.p50Ms)}/${ms(figures.p99Ms)}`)
    .join(', ');
  const errors = Object.entries(outcome.errors).map(([code, count]) => `${count} ${code}`);
  return (
    `  search ${outcome.queriesPerS}/s: ${outcome.all.answered} of ${outcome.all.queries} answered, ` +
    `p50 ${ms(outcome.all.p50Ms)} p99 ${ms(outcome.all.p99Ms)} p99.9 ${ms(outcome.all.p999Ms)} ms ` +
    `(p50/p99 ${classes})${errors.length > 0 ? `, errors: ${errors.join(', ')}` : ''}`
  );
}
