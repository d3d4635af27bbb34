import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What the hub reports when metrics are on: latencies of one message in 16, errors, commits. The hot
 * path only counts, in plain numbers (`Hub.delivered`, `Hub.stored`) that a scrape reads.
 */
export interface HubMetrics {
  /** A sampled message was stored and published `seconds` after the hub was handed it. */
  sent(seconds: number): void;
  /** A sampled stored message was handed to every member on this node, in `seconds`. */
  fannedOut(seconds: number): void;
  /** A client was sent an error with this code (rate limits are `rate_limited`). */
  failed(code: string): void;
  /** The store committed a batch of messages in `seconds`. */
  committed(seconds: number): void;
}

/** What a scrape reads from the running server. */
export interface MetricSources {
  connections(): number;
  rooms(): Promise<number>;
  /** Frames handed to client sockets so far. */
  delivered(): number;
  /** Messages stored so far. */
  stored(): number;
}

/** The server's metrics: a registry of its own (so several servers share a process in tests). */
export interface ServerMetrics extends HubMetrics {
  readonly registry: Registry;
  /** Connects the live numbers a scrape reads; called once the server's parts exist. */
  attach(sources: MetricSources): void;
}

/** Latency buckets from 0.1 ms to 2.5 s: a group commit is a fraction of a millisecond. */
const LATENCY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5];

/** Creates the metrics: Aurora's own plus Node's defaults (event-loop lag, heap, RSS, CPU, handles). */
export function createMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let sources: MetricSources | undefined;

  new Gauge({
    name: 'aurora_connections',
    help: 'Open WebSocket connections on this node.',
    registers: [registry],
    collect() {
      this.set(sources?.connections() ?? 0);
    },
  });
  new Gauge({
    name: 'aurora_rooms',
    help: 'Rooms with at least one member.',
    registers: [registry],
    async collect() {
      this.set(sources ? await sources.rooms() : 0);
    },
  });
  countedBy(
    registry,
    'aurora_deliveries_total',
    'Frames (messages and events) handed to client sockets.',
    () => sources?.delivered(),
  );
  countedBy(
    registry,
    'aurora_messages_stored_total',
    'Messages stored (a retried one is counted once).',
    () => sources?.stored(),
  );
  const send = new Histogram({
    name: 'aurora_send_seconds',
    help: 'From handling a message to its being stored and published (its acknowledgement); 1 in 16 sampled.',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const fanout = new Histogram({
    name: 'aurora_delivery_seconds',
    help: "Handing a stored message to every member on this node (their sockets' queues); 1 in 16 sampled.",
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const commit = new Histogram({
    name: 'aurora_store_commit_seconds',
    help: 'One group commit of the SQLite store.',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'aurora_errors_total',
    help: 'Errors sent to clients, by code (rate_limited counts rate limiting).',
    labelNames: ['code'],
    registers: [registry],
  });

  return {
    registry,
    attach: (live) => {
      sources = live;
    },
    sent: (seconds) => send.observe(seconds),
    fannedOut: (seconds) => fanout.observe(seconds),
    failed: (code) => errors.inc({ code }),
    committed: (seconds) => commit.observe(seconds),
  };
}

/** A counter whose total is a plain number the server keeps, read when scraped. */
function countedBy(registry: Registry, name: string, help: string, read: () => number | undefined): void {
  let seen = 0;
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const now = read() ?? 0;
      this.inc(now - seen);
      seen = now;
    },
  });
}
