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
