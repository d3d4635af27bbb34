import { performance } from 'node:perf_hooks';
import { type ProcSample, sampleProcess } from '../proc-stats.js';
import { type Dialect, type Greeting, jitteredRetry } from './dialects.js';
import { RawClient, readTimeUs } from './raw-client.js';
import { StealTimeline } from './steal-timeline.js';
import { type LatencyFigures, WindowLatency } from './window-latency.js';
import { clientFrame } from './ws-frames.js';

/** How a {@link Fleet} reaches its server. */
export interface FleetOptions {
  /**
   * The server's ports, one per node of a cluster: each room's members are split among them in
   * contiguous shares (see {@link nodeOf}), so a message reaches part of its room through the others.
   */
  readonly ports: readonly number[];
  readonly dialect: Dialect;
  /** Members per room: client i joins room `r{floor(i / roomSize)}`. */
  readonly roomSize: number;
  /** Loopback source addresses to spread connections over (127.0.0.2, .3, ...). */
  readonly sourceAddresses?: number;
  /** Connections opened at once while growing. */
  readonly concurrency?: number;
}

/** One open-loop load step: `senders` members each send `ratePerSender` messages a second. */
export interface StepPlan {
  readonly senders: number;
  readonly ratePerSender: number;
  /** Sending before the measured window, so caches and buffers reach their steady state. */
  readonly warmupMs: number;
  readonly measureMs: number;
  /** How long after the window late deliveries still count. */
  readonly drainMs: number;
  /** Samples the server process (CPU and RSS) at the edges of the window. */
  readonly sampleServer: () => ProcSample;
}

/** What one step measured. Latencies are in milliseconds; undelivered messages count as infinite. */
export interface StepOutcome {
  readonly ratePerSender: number;
  /** Deliveries a second the schedule asked for (sends times room size). */
  readonly offeredPerS: number;
  readonly deliveredPerS: number;
  /** Delivered share of the deliveries owed for messages sent in the window. */
  readonly share: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  /** Server CPU over the window, in percent of one core. */
  readonly serverCpuPercent: number;
  readonly serverRssKb: number;
  /** The generator's own CPU over the window: near 100 means it, not the server, set the pace. */
  readonly generatorCpuPercent: number;
  /** Share of the window the server's main thread waited for a CPU it was ready to use, in percent. */
  readonly serverWaitPercent: number;
  /** The same for the generator: other processes on its core. */
  readonly generatorWaitPercent: number;
  /** The most one CPU lost to the hypervisor (steal time) during the window, in percent. */
  readonly stealPercent: number;
  /**
   * Latency over the quiet seconds of the window only: those with no steal time on any CPU from
   * {@link QUIET_MARGIN_MS} before to as long after them. Their `share` of the window says how much
   * of it was quiet.
   */
  readonly quiet: LatencyFigures;
  /** Connections lost so far. */
  readonly dropped: number;
}

interface Member {
  readonly client: RawClient;
  readonly room: string;
}

/** The window is cut into slots of this length by send time; quiet ones are kept (see `quiet`). */
const SLOT_MS = 1000;
/** How long one client may take to get into its room, waits the server asked for included. */
const JOIN_DEADLINE_MS = 120_000;
/**
 * A slot is quiet when no CPU lost time to steal during it or this close to it: a stall just before
 * a slot delays the messages sent at its start, one just after it those still in flight at its end.
 */
export const QUIET_MARGIN_MS = 100;
/** Steal time is sampled this often during a step. */
export const STEAL_SAMPLE_MS = 50;
const TILDE = 0x7e;
const T = 0x54;
const FILLER = 'the quick brown fox jumps over the lazy dog, then sits down for tea';

/** Microseconds on the generator's clock; every timestamp compared is taken in this process. */
function nowUs(): number {
  return Math.round(performance.now() * 1000);
}

/**
 * N real WebSocket connections to one server, each joined to one room, driven open loop: sends
 * follow a fixed schedule whatever the replies do, stamped with the time they were due, and every
 * member that receives a stamped message records its end-to-end latency.
 */
export class Fleet {
  private readonly members: Member[] = [];
  private readonly roomSizes = new Map<string, number>();
  private window: WindowLatency | undefined;
  private delivered = 0;
  private lastFrameAt = 0;
  private framesSeen = 0;
  private dropped = 0;
  private shed = 0;
  private closing = false;
  private cids = 0;

  constructor(private readonly options: FleetOptions) {}

  /** Connected members. */
  get size(): number {
    return this.members.length;
  }

  /** Text frames every member received so far (messages, notices, control traffic). */
  get frames(): number {
    return this.framesSeen;
  }

  /** Connections that closed without the fleet closing them. */
  get lost(): number {
    return this.dropped;
  }

  /** Greetings the server refused for load, each followed by another attempt after its wait. */
  get refusedForLoad(): number {
    return this.shed;
  }

  /** Waits until no frame has arrived for `quietMs` (or `limitMs` passed); the time of the last frame, in ms. */
  async settle(quietMs: number, limitMs: number): Promise<number> {
    await this.quiesce(quietMs, limitMs);
    return this.lastFrameAt / 1000;
  }

  /** Opens connections until there are `total`, each joined to its room. */
  async grow(total: number): Promise<void> {
    const concurrency = this.options.concurrency ?? 128;
    let next = this.members.length;
    const opened: Member[] = new Array(total - next);
    const first = next;
    const worker = async () => {
      while (next < total && !this.closing) {
        const index = next++;
        opened[index - first] = await this.join(index);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(concurrency, total - next) }, worker));
    } finally {
      // After a failure too: `size` then says how far it got, and `close` closes what opened.
      for (const member of opened) {
        if (member === undefined) continue;
        this.members.push(member);
        this.roomSizes.set(member.room, (this.roomSizes.get(member.room) ?? 0) + 1);
      }
    }
  }

  /** Runs one load step and measures it. */
  async run(plan: StepPlan): Promise<StepOutcome> {
    const senders = this.pickSenders(plan.senders);
    const periodUs = 1e6 / plan.ratePerSender;
    const start = nowUs() + 5000;
    const windowStart = start + plan.warmupMs * 1000;
    const windowEnd = windowStart + plan.measureMs * 1000;
    const window = new WindowLatency(windowStart, windowEnd, SLOT_MS * 1000);
    const steal = new StealTimeline(nowUs);
    steal.start(STEAL_SAMPLE_MS);
    this.window = window;
    this.delivered = 0;

    let cycle = 0;
    let slot = 0;
    let due = start;
    let serverAtStart: ProcSample | undefined;
    let generatorAtStart: NodeJS.CpuUsage | undefined;
    let generatorWaitAtStart: ProcSample | undefined;
    let generatorWaitAtEnd: ProcSample | undefined;
    let serverAtEnd: ProcSample | undefined;
    let generatorAtEnd: NodeJS.CpuUsage | undefined;
    const dialect = this.options.dialect;

    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = nowUs();
        if (serverAtStart === undefined && now >= windowStart) {
          serverAtStart = plan.sampleServer();
          generatorAtStart = process.cpuUsage();
          generatorWaitAtStart = sampleProcess(process.pid);
        }
        while (due <= now && due < windowEnd) {
          const member = senders[slot]!;
          const text = `~T${due}~ ${FILLER}`;
          member.client.sendFrame(clientFrame(dialect.say(member.room, text, `c${this.cids++}`)));
          if (due >= windowStart) window.owe(due, this.roomSizes.get(member.room) ?? 0);
          slot++;
          if (slot === senders.length) {
            slot = 0;
            cycle++;
          }
          due = Math.round(start + cycle * periodUs + (slot * periodUs) / senders.length);
        }
        if (now >= windowEnd) {
          serverAtEnd = plan.sampleServer();
          generatorAtEnd = process.cpuUsage(generatorAtStart);
          generatorWaitAtEnd = sampleProcess(process.pid);
          resolve();
        } else setTimeout(tick, 1);
      };
      setTimeout(tick, Math.max(0, (start - nowUs()) / 1000));
    });

    const expected = window.totalOwed;
    const drainUntil = windowEnd + plan.drainMs * 1000;
    while (this.delivered < expected && nowUs() < drainUntil) await sleep(10);
    const delivered = this.delivered;
    this.window = undefined;
    await this.quiesce();
    // The last slot is judged up to its margin after the window: sample steal until then.
    const margin = QUIET_MARGIN_MS * 1000;
    while (nowUs() < windowEnd + margin) await sleep(10);
    steal.stop();
    const whole = window.figures();

    const seconds = plan.measureMs / 1000;
    const serverStart = serverAtStart ?? serverAtEnd!;
    const generator = generatorAtEnd!;
    return {
      ratePerSender: plan.ratePerSender,
      offeredPerS: expected / seconds,
      deliveredPerS: delivered / seconds,
      share: expected === 0 ? 1 : delivered / expected,
      p50Ms: whole.p50Ms,
      p99Ms: whole.p99Ms,
      p999Ms: whole.p999Ms,
      serverCpuPercent: ((serverAtEnd!.cpuSeconds - serverStart.cpuSeconds) / seconds) * 100,
      serverRssKb: serverAtEnd!.rssKb,
      generatorCpuPercent: ((generator.user + generator.system) / 1e6 / seconds) * 100,
      serverWaitPercent: ((serverAtEnd!.waitSeconds - serverStart.waitSeconds) / seconds) * 100,
      generatorWaitPercent:
        (((generatorWaitAtEnd?.waitSeconds ?? 0) -
          (generatorWaitAtStart ?? generatorWaitAtEnd!).waitSeconds) /
          seconds) *
        100,
      stealPercent: (steal.stolenSeconds(windowStart, windowEnd) / seconds) * 100,
      quiet: window.figures((fromUs, toUs) => steal.stolenSeconds(fromUs - margin, toUs + margin) === 0),
      dropped: this.dropped,
    };
  }

  /** Closes every connection. */
  close(): void {
    this.closing = true;
    for (const member of this.members) member.client.destroy();
  }

  /** Waits until no frame has arrived for a while, so one step's backlog never spills into the next. */
  private async quiesce(quietMs = 200, limitMs = 15_000): Promise<void> {
    const limit = performance.now() + limitMs;
    while (performance.now() < limit && nowUs() - this.lastFrameAt < quietMs * 1000) await sleep(20);
  }

  private pickSenders(count: number): Member[] {
    const senders: Member[] = [];
    const stride = this.members.length / count;
    for (let i = 0; i < count; i++) senders.push(this.members[Math.floor(i * stride)]!);
    return senders;
  }

  /**
   * Connects client `index` and waits until it is in its room. A server that sheds load refuses the
   * greeting with a wait (`Dialect.busy`): the client comes back after it, as a real one does, and
   * the time until everyone is in counts those waits (`shed` counts the refusals).
   */
  private async join(index: number): Promise<Member> {
    const greeting: Greeting = { nick: `u${index}`, room: `r${Math.floor(index / this.options.roomSize)}` };
    const deadline = performance.now() + JOIN_DEADLINE_MS;
    for (;;) {
      const outcome = await this.greet(index, greeting, deadline - performance.now());
      if (typeof outcome !== 'number') return { client: outcome, room: greeting.room };
      this.shed++;
      await new Promise((resolve) => setTimeout(resolve, jitteredRetry(outcome)));
    }
  }

  /** One attempt: the client once in its room, or how long the server asked it to wait. */
  private async greet(index: number, greeting: Greeting, timeLeftMs: number): Promise<RawClient | number> {
    const { dialect, ports, roomSize, sourceAddresses = 50 } = this.options;
    let settle!: (outcome: number | undefined) => void;
    const settled = new Promise<number | undefined>((resolve) => {
      settle = resolve;
    });
    let refused = false;
    const client = await RawClient.open({
      port: ports[nodeOf(index, roomSize, ports.length)]!,
      path: dialect.path,
      localAddress: `127.0.0.${2 + (index % sourceAddresses)}`,
      onText: (data, start, end, raw) => {
        this.lastFrameAt = readTimeUs();
        this.framesSeen++;
        if (hasPrefix(data, start, end, dialect.messagePrefix)) this.timed(data, start, end);
        else if (dialect.control(raw, greeting, data, start, end)) settle(undefined);
        else {
          const wait = dialect.busy?.(data, start, end);
          if (wait === undefined) return;
          refused = true;
          settle(wait);
        }
      },
      onClose: () => {
        if (!this.closing && !refused) this.dropped++;
      },
    });
    dialect.opened(client, greeting);
    const wait = await withTimeout(
      settled,
      Math.max(0, timeLeftMs),
      `client ${greeting.nick} did not join ${greeting.room} in ${JOIN_DEADLINE_MS / 1000} s`,
    );
    if (wait === undefined) return client;
    client.destroy();
    return wait;
  }

  private timed(data: Buffer, start: number, end: number): void {
    const at = data.indexOf(TILDE, start);
    if (at < 0 || at + 1 >= end || data[at + 1] !== T) return;
    let sent = 0;
    for (let i = at + 2; i < end; i++) {
      const digit = data[i]!;
      if (digit === TILDE) break;
      sent = sent * 10 + (digit - 48);
    }
    if (this.window?.covers(sent)) {
      this.delivered++;
      this.window.record(sent, this.lastFrameAt - sent);
    }
  }
}

/**
 * The node member `index` connects to: each room's first share on the first node, the next on the
 * second, and so on. Contiguous shares rather than alternating members, because senders are picked
 * at an even stride (every 10th member of a room of 100 in the steady load): alternating would put
 * every sender on one node, while shares give each node its part of the senders and receivers.
 */
export function nodeOf(index: number, roomSize: number, nodes: number): number {
  return Math.floor(((index % roomSize) * nodes) / roomSize);
}

// A byte loop: cheaper than a native Buffer.compare call for a prefix of a few bytes.
function hasPrefix(data: Buffer, start: number, end: number, prefix: Buffer): boolean {
  if (end - start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[start + i] !== prefix[i]) return false;
  return true;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
