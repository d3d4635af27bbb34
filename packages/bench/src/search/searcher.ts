import { performance } from 'node:perf_hooks';
import { QUIET_MARGIN_MS, STEAL_SAMPLE_MS } from '../load/fleet.js';
import type { RawClient } from '../load/raw-client.js';
import { readTimeUs } from '../load/raw-client.js';
import { StealTimeline } from '../load/steal-timeline.js';
import { type LatencyFigures, WindowLatency } from '../load/window-latency.js';
import { type QueryWords, WORD_CLASSES, type WordClass } from './query-words.js';
import { openSearcher, type SearcherAccount } from './searcher-account.js';

/** One run of queries, timed like a load step (warm-up, measured window, drain). */
export interface SearchPlan {
  readonly queriesPerS: number;
  readonly warmupMs: number;
  readonly measureMs: number;
  readonly drainMs: number;
}

/** Latency of the queries of one class (or all), from the time each was due to its answer. */
export interface SearchLatency {
  /** Queries sent in the measured window. */
  readonly queries: number;
  /** Of those, answered with `search_results` (the rest count as infinitely late). */
  readonly answered: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  /** The same over the seconds without steal time (see `StepOutcome.quiet`). */
  readonly quiet: LatencyFigures;
  /** Results per answer (a page holds at most 20). */
  readonly meanResults: number;
}

/** What one run of queries measured. */
export interface SearchOutcome {
  readonly queriesPerS: number;
  readonly classes: Readonly<Record<WordClass, SearchLatency>>;
  readonly all: SearchLatency;
  /** Error answers in the window, by code. */
  readonly errors: Readonly<Record<string, number>>;
}

interface Asked {
  readonly dueUs: number;
  readonly wordClass: WordClass;
}

const SEARCH_RESULTS = Buffer.from('{"type":"search_results"');
const ERROR = Buffer.from('{"type":"error"');
const SLOT_MS = 1000;

function nowUs(): number {
  return Math.round(performance.now() * 1000);
}

function startsWith(data: Buffer, start: number, end: number, prefix: Buffer): boolean {
  return (
    end - start >= prefix.length && data.compare(prefix, 0, prefix.length, start, start + prefix.length) === 0
  );
}

/** Per class (and over all): the window's latencies and the results counted. */
class Tally {
  readonly window: WindowLatency;
  answered = 0;
  results = 0;

  constructor(startUs: number, endUs: number) {
    this.window = new WindowLatency(startUs, endUs, SLOT_MS * 1000);
  }

  figures(steal: StealTimeline): SearchLatency {
    const margin = QUIET_MARGIN_MS * 1000;
    const whole = this.window.figures();
    return {
      queries: this.window.totalOwed,
      answered: this.answered,
      p50Ms: whole.p50Ms,
      p99Ms: whole.p99Ms,
      p999Ms: whole.p999Ms,
      quiet: this.window.figures((fromUs, toUs) => steal.stolenSeconds(fromUs - margin, toUs + margin) === 0),
      meanResults: this.answered === 0 ? 0 : this.results / this.answered,
    };
  }
}

/**
 * One connection, logged in to an account that is a member of every seeded room, sending one-word
 * searches open loop: at a fixed rate whatever the answers do, each timed from when it was due (its
 * send) to the `search_results` that answers it, matched by `ref`.
 */
export class Searcher {
  private readonly asked = new Map<string, Asked>();
  private onAnswer: ((ref: string, answer: { results?: unknown[]; code?: string }) => void) | undefined;
  private queries = 0;
  private client: RawClient | undefined;

  private constructor() {}

  /** Registers the account, makes it a member of its rooms and opens the searching connection. */
  static async open(account: SearcherAccount): Promise<Searcher> {
    const searcher = new Searcher();
    searcher.client = await openSearcher(account, (data, start, end) => searcher.frame(data, start, end));
    return searcher;
  }

  /** Sends queries for `plan`, drawing their words from `words`, and measures the window. */
  async run(plan: SearchPlan, words: QueryWords): Promise<SearchOutcome> {
    const start = nowUs() + 5000;
    const windowStart = start + plan.warmupMs * 1000;
    const windowEnd = windowStart + plan.measureMs * 1000;
    const tallies = Object.fromEntries(
      WORD_CLASSES.map((wordClass) => [wordClass, new Tally(windowStart, windowEnd)]),
    ) as Record<WordClass, Tally>;
    const all = new Tally(windowStart, windowEnd);
    const errors: Record<string, number> = {};
    const steal = new StealTimeline(nowUs);
    steal.start(STEAL_SAMPLE_MS);
    let waiting = 0;
    this.onAnswer = (ref, answer) => {
      const asked = this.asked.get(ref);
      if (!asked) return;
      this.asked.delete(ref);
      if (!all.window.covers(asked.dueUs)) return;
      waiting--;
      if (answer.code !== undefined) {
        errors[answer.code] = (errors[answer.code] ?? 0) + 1;
        return;
      }
      const latencyUs = readTimeUs() - asked.dueUs;
      for (const tally of [tallies[asked.wordClass], all]) {
        tally.window.record(asked.dueUs, latencyUs);
        tally.answered++;
        tally.results += answer.results?.length ?? 0;
      }
    };

    const periodUs = 1e6 / plan.queriesPerS;
    let sent = 0;
    let due = start;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = nowUs();
        while (due <= now && due < windowEnd) {
          const { wordClass, word } = words.next();
          const ref = `q${this.queries++}`;
          this.asked.set(ref, { dueUs: due, wordClass });
          // The words are lower-case ASCII letters: nothing to escape.
          this.client!.sendText(`{"type":"search","query":"${word}","ref":"${ref}"}`);
          if (all.window.covers(due)) {
            tallies[wordClass].window.owe(due, 1);
            all.window.owe(due, 1);
            waiting++;
          }
          due = Math.round(start + ++sent * periodUs);
        }
        if (now >= windowEnd) resolve();
        else setTimeout(tick, 1);
      };
      setTimeout(tick, Math.max(0, (start - nowUs()) / 1000));
    });
    const drainUntil = windowEnd + plan.drainMs * 1000;
    while (waiting > 0 && nowUs() < drainUntil) await sleep(10);
    while (nowUs() < windowEnd + QUIET_MARGIN_MS * 1000) await sleep(10);
    steal.stop();
    this.onAnswer = undefined;
    this.asked.clear();
    const classes = Object.fromEntries(
      WORD_CLASSES.map((wordClass) => [wordClass, tallies[wordClass].figures(steal)]),
    ) as Record<WordClass, SearchLatency>;
    return { queriesPerS: plan.queriesPerS, classes, all: all.figures(steal), errors };
  }

  /** Closes the connection. */
  close(): void {
    this.client?.destroy();
  }

  private frame(data: Buffer, start: number, end: number): void {
    if (!startsWith(data, start, end, SEARCH_RESULTS) && !startsWith(data, start, end, ERROR)) return;
    const answer = JSON.parse(data.toString('utf8', start, end)) as {
      ref?: string;
      results?: unknown[];
      code?: string;
    };
    if (answer.ref !== undefined) this.onAnswer?.(answer.ref, answer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
