import { execFile } from 'node:child_process';
import type { TerminalIdentity } from './terminal-kind.js';

/** Runs `tmux` with arguments and resolves with its standard output (rejects on failure). */
export type TmuxRunner = (args: readonly string[]) => Promise<string>;

const TMUX_TIMEOUT_MS = 1000;

/** Runs the tmux that the environment points at (`$TMUX`), giving up after a second. */
export const runTmux: TmuxRunner = (args) =>
  new Promise((resolve, reject) => {
    execFile('tmux', [...args], { timeout: TMUX_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });

/**
 * The terminal's identity. Inside tmux (`$TMUX` set), TERM and TERM_PROGRAM describe tmux, not the
 * terminal, so tmux is asked about the client attached to this pane's session: `client_termtype`
 * is the terminal's own answer to XTVERSION, `client_termname` its TERM. Both are empty while no
 * client is attached, and a tmux that cannot be asked (gone, too old) leaves the environment alone
 * to decide: the variables tmux keeps from where its server started (KITTY_WINDOW_ID, WT_SESSION,
 * VTE_VERSION, LC_TERMINAL) still name the terminal of that time.
 */
export async function readTerminalIdentity(
  env: Readonly<Record<string, string | undefined>>,
  tmux: TmuxRunner = runTmux,
): Promise<TerminalIdentity> {
  if (!env.TMUX) return { env };
  const target = env.TMUX_PANE ? ['-t', env.TMUX_PANE] : [];
  try {
    const answer = await tmux(['display-message', '-p', ...target, '#{client_termtype}\t#{client_termname}']);
    const [termType = '', termName = ''] = answer.replace(/\n$/, '').split('\t');
    return { env, outer: { termType, termName } };
  } catch {
    return { env };
  }
}
