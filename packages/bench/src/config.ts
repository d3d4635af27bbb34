import type { C100kShape } from './scenarios/c100k.js';
import type { CorpusPlan } from './search/corpus.js';

/** Sizes and durations of every scenario. */
export interface BenchConfig {
  readonly repetitions: number;
  /** Measure a step again when other processes took the CPU (see `measureStep`). */
  readonly retryOnContention: boolean;
  readonly steady: {
    readonly clients: number;
    readonly roomSize: number;
    readonly senders: number;
    readonly ratePerSender: number;
    readonly warmupMs: number;
    readonly measureMs: number;
    readonly drainMs: number;
  };
  readonly saturation: {
    readonly clients: number;
    readonly roomSize: number;
    /** Deliveries a second of the first step. */
    readonly startPerS: number;
    /** Each coarse step offers this much more than the last, until one fails. */
    readonly coarseFactor: number;
    /** Then steps of this factor from the last passing step, up to `fineSteps` of them. */
    readonly fineFactor: number;
    readonly fineSteps: number;
    readonly maxSteps: number;
    readonly warmupMs: number;
    readonly measureMs: number;
    readonly drainMs: number;
  };
  readonly idle: {
    /** Connection counts measured one after the other on the same server. */
    readonly sizes: readonly number[];
    readonly roomSize: number;
    readonly settleMs: number;
  };
  /**
   * Connect storms, one after the other: every client connects, says hello with its room and is
   * welcomed with the room's history (`scenarios/connect.ts`).
   */
  readonly connect: {
    readonly shapes: readonly { readonly clients: number; readonly roomSize: number }[];
  };
  /** Reconnect storm (Aurora only): a server restart under this many clients (`scenarios/reconnect.ts`). */
  readonly reconnect: { readonly clients: number; readonly roomSize: number };
  /** C100k: this many clients from many source addresses, then a message rate (`scenarios/c100k.ts`). */
  readonly c100k: C100kShape;
  /**
   * Search on a seeded history (Aurora only): one-word queries while the steady load runs (its
   * clients, senders and rate), and the saturation ramp with the search index on and off.
   */
  readonly search: {
    /** The seeded history (see `search/corpus.ts`). */
    readonly corpus: CorpusPlan;
    readonly queriesPerS: number;
    readonly warmupMs: number;
    readonly measureMs: number;
    readonly drainMs: number;
  };
}

/** The configuration: 3 repetitions of every scenario at full size. */
export const FULL_CONFIG: BenchConfig = {
  repetitions: 3,
  retryOnContention: true,
  steady: {
    clients: 1000,
    roomSize: 100,
    senders: 100,
    ratePerSender: 1,
    // At 100 messages a second V8 is still compiling the message path (on a background thread that
    // shares the server's pinned core) 20 s after the start: a 2 s warm-up measured the JIT's warm-up,
    // not the steady state (Aurora's p99 1.38-1.46x bare ws after 2 s, 1.17x after 30 s).
    warmupMs: 30_000,
    // Only the seconds without steal time count (see `StepOutcome.quiet`): 20 s leave enough of them
    // when the host steals in bursts of ~15 s.
    measureMs: 20_000,
    drainMs: 3000,
  },
  saturation: {
    clients: 1000,
    roomSize: 100,
    startPerS: 40_000,
    coarseFactor: 1.25,
    fineFactor: 1.06,
    fineSteps: 3,
    maxSteps: 20,
    warmupMs: 1000,
    measureMs: 4000,
    drainMs: 2000,
  },
  idle: { sizes: [5000, 10_000], roomSize: 100, settleMs: 5000 },
  // The two storms: a busy server's rooms filling after a restart, and one big room.
  connect: {
    shapes: [
      { clients: 10_000, roomSize: 100 },
      { clients: 5000, roomSize: 5000 },
    ],
  },
  reconnect: { clients: 10_000, roomSize: 100 },
  // The size: 100,000 in 1,000 rooms, then 1,000 messages a second for a minute (100,000
  // deliveries a second); 50 source addresses leave each well under its 28,232 ephemeral ports.
  c100k: {
    clients: 100_000,
    roomSize: 100,
    messagesPerS: 1000,
    warmupMs: 5000,
    measureMs: 60_000,
    drainMs: 5000,
    sourceAddresses: 50,
  },
  search: {
    // The size: a million messages over a year in 100 rooms, words from a vocabulary of
    // a few thousand (some common, many rare).
    corpus: { messages: 1_000_000, rooms: 100, vocabulary: 5000, zipfExponent: 1, spanDays: 365, seed: 20 },
    queriesPerS: 20,
    // The steady scenario's warm-up, for the same reason (the JIT), and a window long enough for
    // 400 queries of each word class.
    warmupMs: 30_000,
    measureMs: 60_000,
    drainMs: 3000,
  },
};

/** `--quick`: one short repetition with tens of clients; a smoke test, its timings mean nothing. */
export const QUICK_CONFIG: BenchConfig = {
  repetitions: 1,
  retryOnContention: false,
  steady: {
    clients: 40,
    roomSize: 10,
    senders: 8,
    ratePerSender: 2,
    warmupMs: 200,
    measureMs: 1000,
    drainMs: 1000,
  },
  saturation: {
    clients: 40,
    roomSize: 10,
    startPerS: 800,
    coarseFactor: 2,
    fineFactor: 1.1,
    fineSteps: 0,
    maxSteps: 2,
    warmupMs: 200,
    measureMs: 600,
    drainMs: 1000,
  },
  idle: { sizes: [50, 100], roomSize: 10, settleMs: 300 },
  connect: {
    shapes: [
      { clients: 200, roomSize: 20 },
      { clients: 100, roomSize: 100 },
    ],
  },
  reconnect: { clients: 100, roomSize: 10 },
  c100k: {
    clients: 400,
    roomSize: 10,
    messagesPerS: 40,
    warmupMs: 200,
    measureMs: 1000,
    drainMs: 1000,
    sourceAddresses: 50,
  },
  search: {
    // The quick load's 40 clients are in rooms r0-r3: the same four rooms are seeded.
    corpus: { messages: 2000, rooms: 4, vocabulary: 1000, zipfExponent: 1, spanDays: 365, seed: 20 },
    queriesPerS: 30,
    warmupMs: 200,
    measureMs: 1000,
    drainMs: 1000,
  },
};
