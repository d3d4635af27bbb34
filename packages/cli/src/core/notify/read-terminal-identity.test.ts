import { describe, expect, it } from 'vitest';
import { readTerminalIdentity } from './read-terminal-identity.js';

describe('readTerminalIdentity', () => {
  it('outside tmux, is the environment alone, and asks tmux nothing', async () => {
    const asked: (readonly string[])[] = [];
    const env = { TERM: 'xterm-kitty' };
    const tmux = async (args: readonly string[]) => {
      asked.push(args);
      return '';
    };
    expect(await readTerminalIdentity(env, tmux)).toEqual({ env });
    expect(asked).toEqual([]);
  });

  it("inside tmux, asks tmux about the client attached to this pane's session", async () => {
    const asked: (readonly string[])[] = [];
    const env = { TMUX: '/tmp/tmux-1000/default,1,0', TMUX_PANE: '%3' };
    const identity = await readTerminalIdentity(env, async (args) => {
      asked.push(args);
      return 'iTerm2 3.5.4\txterm-256color\n';
    });
    expect(asked).toEqual([['display-message', '-p', '-t', '%3', '#{client_termtype}\t#{client_termname}']]);
    expect(identity).toEqual({ env, outer: { termType: 'iTerm2 3.5.4', termName: 'xterm-256color' } });
  });

  it('inside tmux with no client attached, knows the outer terminal by no name', async () => {
    const env = { TMUX: '/tmp/tmux-1000/default,1,0' };
    expect(await readTerminalIdentity(env, async () => '\t\n')).toEqual({
      env,
      outer: { termType: '', termName: '' },
    });
  });

  it('falls back to the environment when tmux cannot be asked', async () => {
    const env = { TMUX: '/tmp/gone,1,0' };
    const failing = async (): Promise<string> => {
      throw new Error('no server running');
    };
    expect(await readTerminalIdentity(env, failing)).toEqual({ env });
  });
});
