import { describe, expect, it } from 'vitest';
import { statusLine, twoPeople } from './two-people.js';

// Moderation in two real terminals: alice (registered, the first into #dev, so its owner) kicks the
// guest bob, who comes back, then bans him; bob cannot rejoin, and both screens say what happened.

const { tmux, start } = twoPeople('moderation', ['alice']);

describe('moderation in aurora-chat', () => {
  it('an owner kicks and bans a guest, who then cannot rejoin, with the notices on both screens', async () => {
    start('alice', 'dev');
    await tmux.waitFor('alice', (s) => /│ online │ #dev .*✓ alice/.test(statusLine(s)) && /~alice/.test(s));
    start('bob', 'dev');
    await tmux.waitFor('bob', (s) => /│ online │ #dev/.test(statusLine(s)) && /~alice/.test(s));
    await tmux.waitFor('alice', /bob joined/);

    await tmux.typeLine('alice', '/kick bob calm down');
    await tmux.waitFor('alice', /alice kicked bob from #dev: calm down/);
    const kicked = await tmux.waitFor('bob', /You were kicked from dev/);
    expect(kicked).toMatch(/calm down/);

    await tmux.typeLine('bob', '/join dev');
    await tmux.waitFor('bob', (s) => /│ #dev/.test(statusLine(s)));
    await tmux.waitFor('alice', (s) => (s.match(/bob joined/g) ?? []).length >= 1 && /Members \(2\)/.test(s));

    await tmux.typeLine('alice', '/ban bob 1h spam');
    await tmux.waitFor('alice', /alice banned bob from #dev until .* UTC: spam/);
    await tmux.waitFor('bob', /You were banned from dev/);
    await tmux.typeLine('bob', '/join dev');
    const refused = await tmux.waitFor('bob', /you are banned from #dev until .*\(banned\)/);
    expect(statusLine(refused)).not.toMatch(/│ #dev/);
    await tmux.waitFor('alice', /Members \(1\)/);
  });
});
