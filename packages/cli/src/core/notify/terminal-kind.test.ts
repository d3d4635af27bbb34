import { describe, expect, it } from 'vitest';
import { autoNotifyKind, knownTerminal, resolveNotifyKind, type TerminalIdentity } from './terminal-kind.js';

const outside = (env: Record<string, string>): TerminalIdentity => ({ env });
const tmuxEnv = { TMUX: '/tmp/tmux-1000/default,123,0', TERM: 'tmux-256color', TERM_PROGRAM: 'tmux' };
const inside = (termType: string, termName: string, env: Record<string, string> = {}): TerminalIdentity => ({
  env: { ...tmuxEnv, ...env },
  outer: { termType, termName },
});

describe('autoNotifyKind', () => {
  it.each([
    ['iTerm2', { TERM_PROGRAM: 'iTerm.app', TERM: 'xterm-256color' }, 'osc9'],
    ['iTerm2 over ssh (LC_TERMINAL)', { LC_TERMINAL: 'iTerm2', TERM: 'xterm-256color' }, 'osc9'],
    ['kitty', { TERM: 'xterm-kitty' }, 'osc99'],
    ['kitty with TERM changed', { TERM: 'xterm-256color', KITTY_WINDOW_ID: '1' }, 'osc99'],
    ['WezTerm', { TERM_PROGRAM: 'WezTerm', TERM: 'xterm-256color' }, 'osc777'],
    ['WezTerm with its own TERM', { TERM: 'wezterm' }, 'osc777'],
    ['Ghostty', { TERM_PROGRAM: 'ghostty', TERM: 'xterm-ghostty' }, 'osc777'],
    ['Ghostty over ssh', { TERM: 'xterm-ghostty' }, 'osc777'],
    ['foot', { TERM: 'foot' }, 'osc777'],
    ['foot-extra', { TERM: 'foot-extra' }, 'osc777'],
    ['VS Code', { TERM_PROGRAM: 'vscode', TERM: 'xterm-256color' }, 'osc99'],
    ['Windows Terminal', { WT_SESSION: '0b6f…', TERM: 'xterm-256color' }, 'osc777'],
    ['GNOME Terminal', { VTE_VERSION: '7600', TERM: 'xterm-256color' }, 'osc777'],
    ['xterm', { TERM: 'xterm-256color' }, 'bell'],
    ['Apple Terminal', { TERM_PROGRAM: 'Apple_Terminal', TERM: 'xterm-256color' }, 'bell'],
    ['nothing known', {}, 'bell'],
  ] as const)('%s: %s', (_terminal, env, kind) => {
    expect(autoNotifyKind(outside(env))).toBe(kind);
  });

  it('prefers a name to a variable only one terminal sets (a VS Code started from GNOME Terminal)', () => {
    expect(autoNotifyKind(outside({ TERM_PROGRAM: 'vscode', VTE_VERSION: '7600' }))).toBe('osc99');
  });

  it('inside tmux, asks what tmux heard from the terminal, not TERM or TERM_PROGRAM (tmux)', () => {
    expect(autoNotifyKind(inside('iTerm2 3.5.4', 'xterm-256color'))).toBe('osc9');
    expect(autoNotifyKind(inside('kitty(0.36.1)', 'xterm-kitty'))).toBe('osc99');
    expect(autoNotifyKind(inside('WezTerm 20240203-110809-5046fc22', 'xterm-256color'))).toBe('osc777');
    expect(autoNotifyKind(inside('ghostty 1.1.3', 'xterm-ghostty'))).toBe('osc777');
    expect(autoNotifyKind(inside('foot(1.20.2)', 'foot'))).toBe('osc777');
    expect(autoNotifyKind(inside('', 'xterm-kitty'))).toBe('osc99');
    expect(autoNotifyKind(inside('XTerm(390)', 'xterm-256color'))).toBe('bell');
  });

  it("inside tmux, the attached terminal wins over the variables kept from the server's start", () => {
    expect(autoNotifyKind(inside('iTerm2 3.5.4', 'xterm-256color', { KITTY_WINDOW_ID: '3' }))).toBe('osc9');
  });

  it('inside tmux with no client attached, falls back to the variables tmux kept', () => {
    expect(autoNotifyKind(inside('', '', { KITTY_WINDOW_ID: '3' }))).toBe('osc99');
    expect(autoNotifyKind(inside('', '', { LC_TERMINAL: 'iTerm2' }))).toBe('osc9');
    expect(autoNotifyKind(inside('', ''))).toBe('bell');
    expect(autoNotifyKind({ env: tmuxEnv })).toBe('bell');
  });

  it('names the terminal it recognized', () => {
    expect(knownTerminal(outside({ WT_SESSION: 'x' }))?.terminal).toBe('Windows Terminal');
    expect(knownTerminal(outside({ TERM: 'xterm' }))).toBeUndefined();
  });
});

describe('resolveNotifyKind', () => {
  const kitty = outside({ TERM: 'xterm-kitty' });
  const xterm = outside({ TERM: 'xterm' });

  it('settles auto from the terminal, and takes a named kind as it is', () => {
    expect(resolveNotifyKind('auto', kitty, 'mentions')).toBe('osc99');
    expect(resolveNotifyKind('osc777', kitty, 'mentions')).toBe('osc777');
    expect(resolveNotifyKind('off', kitty, 'mentions')).toBe('off');
  });

  it('leaves the bell to --bell, which already rings for every mention, so it never rings twice', () => {
    expect(resolveNotifyKind('auto', xterm, 'mentions')).toBe('off');
    expect(resolveNotifyKind('bell', xterm, 'all')).toBe('off');
    expect(resolveNotifyKind('auto', xterm, 'off')).toBe('off');
    expect(resolveNotifyKind('bell', xterm, 'off')).toBe('bell');
  });
});
