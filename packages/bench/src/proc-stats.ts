import { readFileSync } from 'node:fs';

/** A process's CPU time and resident memory at one moment, read from /proc. */
export interface ProcSample {
  /** User plus system CPU seconds since the process started (all threads). */
  readonly cpuSeconds: number;
  /** Resident set size in KiB. */
  readonly rssKb: number;
  /**
   * Seconds the main thread spent runnable but waiting for a CPU (/proc/PID/schedstat): when this
   * grows, something else on the machine took the core and the step's figures are suspect.
   */
  readonly waitSeconds: number;
}

/** Clock ticks per second of /proc/PID/stat; 100 on every Linux the harness targets. */
const CLOCK_TICKS = 100;

/** Reads a process's CPU time and RSS; zeros when the process is gone or /proc is missing. */
export function sampleProcess(pid: number): ProcSample {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Fields after the command name, which is in parentheses and may itself contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'latin1');
    const rss = /VmRSS:\s+(\d+) kB/.exec(status);
    const schedstat = readFileSync(`/proc/${pid}/schedstat`, 'latin1').split(' ');
    return {
      cpuSeconds: ticks / CLOCK_TICKS,
      rssKb: rss ? Number(rss[1]) : 0,
      waitSeconds: Number(schedstat[1] ?? 0) / 1e9,
    };
  } catch {
    return { cpuSeconds: 0, rssKb: 0, waitSeconds: 0 };
  }
}

/**
 * Seconds each CPU has lost to steal time (/proc/stat): on a virtual machine, time the hypervisor
 * gave the CPU to another guest. Empty without /proc.
 */
export function sampleSteal(): number[] {
  try {
    const steal: number[] = [];
    for (const line of readFileSync('/proc/stat', 'latin1').split('\n')) {
      // "cpuN user nice system idle iowait irq softirq steal ...", one line per CPU after the total.
      if (!/^cpu\d/.test(line)) continue;
      steal.push(Number(line.split(/\s+/)[8] ?? 0) / CLOCK_TICKS);
    }
    return steal;
  } catch {
    return [];
  }
}

/** Seconds lost to steal by the CPU that lost the most between two samples of {@link sampleSteal}. */
export function mostStolen(before: readonly number[], after: readonly number[]): number {
  let most = 0;
  after.forEach((stolen, cpu) => {
    most = Math.max(most, stolen - (before[cpu] ?? stolen));
  });
  return most;
}

/**
 * Seconds CPU `cpu` has spent running tasks (user, nice and system time in /proc/stat; interrupts,
 * idle, I/O wait and steal left out); NaN without /proc.
 */
export function sampleCpuBusy(cpu: number): number {
  try {
    const prefix = `cpu${cpu} `;
    const line = readFileSync('/proc/stat', 'latin1')
      .split('\n')
      .find((candidate) => candidate.startsWith(prefix));
    if (line === undefined) return Number.NaN;
    const [, user, nice, system] = line.split(/\s+/).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0)) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/**
 * The CPU wait of processes pinned together on one core, counting only what others cost them. They
 * wait for each other all the time when busy (one runs while its siblings are runnable), which is
 * the cost of sharing the core, not a disturbance; what others cost them is at most the time the core
 * ran something else. So each interval between two samples counts the lesser of the group's summed
 * wait and the core's busy time beyond the group's own CPU time; the counter is their running sum.
 */
export class SharedCoreWait {
  private last: { readonly wait: number; readonly own: number; readonly busy: number } | undefined;
  private total = 0;

  /** Feeds the cumulative counters of one sample; returns the cumulative wait others caused. */
  next(groupWait: number, groupCpu: number, coreBusy: number): number {
    if (this.last !== undefined) {
      const others = coreBusy - this.last.busy - (groupCpu - this.last.own);
      this.total += Math.max(0, Math.min(groupWait - this.last.wait, others));
    }
    this.last = { wait: groupWait, own: groupCpu, busy: coreBusy };
    return this.total;
  }
}

/**
 * Samples several processes as one server: CPU and RSS summed; the wait is, when they are pinned
 * together on `cpu`, only what other processes cost them ({@link SharedCoreWait}), else the sum.
 */
export function groupSampler(pids: readonly number[], cpu: number | undefined): () => ProcSample {
  const shared = new SharedCoreWait();
  return () => {
    const samples = pids.map(sampleProcess);
    const sum = (pick: (sample: ProcSample) => number) =>
      samples.reduce((total, sample) => total + pick(sample), 0);
    const cpuSeconds = sum((sample) => sample.cpuSeconds);
    const waitSeconds = sum((sample) => sample.waitSeconds);
    const busy = cpu === undefined ? Number.NaN : sampleCpuBusy(cpu);
    return {
      cpuSeconds,
      rssKb: sum((sample) => sample.rssKb),
      waitSeconds: Number.isNaN(busy) ? waitSeconds : shared.next(waitSeconds, cpuSeconds, busy),
    };
  };
}
