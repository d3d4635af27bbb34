import type { BellMode, NotifyMode } from '../config.js';
import type { NotifyKind } from './encode-notification.js';

/** What is known of the terminal the chat runs in. */
export interface TerminalIdentity {
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Inside tmux, what tmux knows of the terminal its client is attached to: `client_termtype` (the
   * terminal's answer to XTVERSION, such as `iTerm2 3.5.4` or `kitty(0.36.1)`) and `client_termname`
   * (the outer TERM). Inside tmux, TERM and TERM_PROGRAM are tmux's own, so this comes first.
   */
  readonly outer?: { readonly termType: string; readonly termName: string };
}

/** One terminal: the names that identify it, an environment variable only it sets, and its escape. */
export interface KnownTerminal {
  readonly terminal: string;
  readonly kind: NotifyKind;
  /** Lower-case names, matched against the first word of TERM_PROGRAM, TERM, LC_TERMINAL and tmux's. */
  readonly names: readonly string[];
  /** Set only by this terminal. */
  readonly variable?: string;
}

// Which terminal reads which notification escape, and where that was found (checked 2026).
// A terminal missing here gets the bell; `--notify` overrides the choice.
const KNOWN: readonly KnownTerminal[] = [
  // kitty's own OSC 99, with a title, from shell and over ssh:
  // https://sw.kovidgoyal.net/kitty/desktop-notifications/ (kitty sets TERM=xterm-kitty, KITTY_WINDOW_ID).
  { terminal: 'kitty', kind: 'osc99', names: ['kitty', 'xterm-kitty'], variable: 'KITTY_WINDOW_ID' },
  // iTerm2 reads OSC 9 ("Post a notification", https://iterm2.com/documentation-escape-codes.html)
  // and sets TERM_PROGRAM=iTerm.app and LC_TERMINAL=iTerm2 (ssh passes LC_* on by default).
  { terminal: 'iTerm2', kind: 'osc9', names: ['iterm.app', 'iterm2'] },
  // WezTerm shows OSC 777 notify and OSC 9 as toasts:
  // https://wezterm.org/config/lua/config/notification_handling.html
  { terminal: 'WezTerm', kind: 'osc777', names: ['wezterm'], variable: 'WEZTERM_PANE' },
  // Ghostty reads OSC 9 and OSC 777 (libghostty's desktop-notification callback is "called when the
  // terminal receives OSC 9 or OSC 777"; Ghostty's `desktop-notifications` setting must be on).
  { terminal: 'Ghostty', kind: 'osc777', names: ['ghostty', 'xterm-ghostty'] },
  // foot reads OSC 777;notify (its commit 975e70da: title and body split at the first `;`), and
  // OSC 99 since its commit b0bf8ca5 (2024).
  { terminal: 'foot', kind: 'osc777', names: ['foot', 'foot-extra', 'foot-direct'] },
  // VS Code's terminal shows OSC 99 (microsoft/vscode#294247, released 2026); older ones ignore it.
  { terminal: 'VS Code', kind: 'osc99', names: ['vscode'] },
  // Windows Terminal shows OSC 777 notify (microsoft/terminal#20012, 2026); older versions ignore it.
  { terminal: 'Windows Terminal', kind: 'osc777', names: [], variable: 'WT_SESSION' },
  // GNOME Terminal and other VTE terminals: OSC 777 notify is Fedora's VTE patch (also shipped by
  // other distributions); upstream VTE since 0.46 ignores it silently, so it is still safe to send
  // (ghostty discussion #10998; BuildStream's VTE_VERSION >= 4600 check).
  { terminal: 'GNOME Terminal (VTE)', kind: 'osc777', names: ['vte'], variable: 'VTE_VERSION' },
];

/**
 * The notification escape for `auto`: the first terminal named by tmux's client (inside tmux),
 * then by TERM_PROGRAM, TERM and LC_TERMINAL, then by a variable only one terminal sets; the bell
 * for any other terminal. Pure, so every environment is a unit test.
 */
export function autoNotifyKind(identity: TerminalIdentity): NotifyKind {
  return knownTerminal(identity)?.kind ?? 'bell';
}

/** The terminal {@link autoNotifyKind} recognized, for messages; undefined when none. */
export function knownTerminal(identity: TerminalIdentity): KnownTerminal | undefined {
  const { env, outer } = identity;
  // tmux sets TERM_PROGRAM=tmux in its panes: that names no terminal.
  const program = env.TERM_PROGRAM === 'tmux' ? undefined : env.TERM_PROGRAM;
  const names = [outer?.termType, outer?.termName, program, env.TERM, env.LC_TERMINAL]
    .map(firstWord)
    .filter((name) => name !== '');
  for (const name of names) {
    const known = KNOWN.find((terminal) => terminal.names.includes(name));
    if (known) return known;
  }
  return KNOWN.find((terminal) => terminal.variable !== undefined && (env[terminal.variable] ?? '') !== '');
}

/** `kitty(0.36.1)` → `kitty`, `iTerm2 3.5.4` → `iterm2`, `xterm-kitty` stays. */
function firstWord(name: string | undefined): string {
  return /^[a-z0-9._-]*/.exec((name ?? '').trim().toLowerCase())?.[0] ?? '';
}

/**
 * The escape the chat sends. `auto` asks {@link autoNotifyKind}. The bell is the one kind the
 * `--bell` setting already covers: it rings for every mention and direct message, more than ever
 * notify, so a notifying bell would only ring twice. It rings for notifications alone when asked for
 * by name with `--bell off`; `auto` falling back to the bell leaves it to `--bell`.
 */
export function resolveNotifyKind(mode: NotifyMode, identity: TerminalIdentity, bell: BellMode): NotifyKind {
  const kind = mode === 'auto' ? autoNotifyKind(identity) : mode;
  if (kind !== 'bell') return kind;
  return mode === 'bell' && bell === 'off' ? 'bell' : 'off';
}
