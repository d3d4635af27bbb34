import type { TerminalRun } from '../report/results.js';

/** Options of the terminal-client benchmark. */
export interface TerminalBenchOptions {
  readonly quick: boolean;
  readonly log: (line: string) => void;
}

/** Runs the terminal-client frame benchmark (not written yet: the client is still being built). */
export async function runTerminalBench(_options: TerminalBenchOptions): Promise<TerminalRun> {
  throw new Error('the terminal benchmark is not written yet');
}
