import { describe, expect, it } from 'vitest';
import { statusLine, twoPeople } from './two-people.js';

// Room settings in two real terminals: alice (registered, the first into #dev, so its owner) makes
// #dev invite-only with /mode +i; bob (registered too) is refused with the clear line on his screen,
// alice invites him, he is told so, and joins.

const { tmux, start } = twoPeople('rooms', ['alice', 'bob']);

describe('room settings in aurora-chat', () => {
  it('an owner makes a room invite-only; an account is refused, invited, told, and joins', async () => {
    start('alice', 'dev');
    await tmux.waitFor('alice', (s) => /│ online │ #dev .*✓ alice/.test(statusLine(s)) && /~alice/.test(s));
    start('bob', 'lobby');
    await tmux.waitFor('bob', (s) => /│ online │ #lobby .*✓ bob/.test(statusLine(s)));

    await tmux.typeLine('alice', '/mode +i');
    await tmux.waitFor('alice', /alice made #dev invite-only/);
    await tmux.waitFor('alice', /#dev is invite-only, has its topic protected/);

    await tmux.typeLine('bob', '/join #dev');
    const refused = await tmux.waitFor('bob', /#dev is invite-only: ask an operator of it to \/invite you/);
    expect(statusLine(refused)).toMatch(/│ #lobby/);

    await tmux.typeLine('alice', '/invite bob');
    await tmux.waitFor('alice', /alice invited bob to #dev/);
    await tmux.waitFor('bob', /alice invited you to #dev\. \/join #dev to go in\./);

    await tmux.typeLine('bob', '/join #dev');
    await tmux.waitFor('bob', (s) => /│ #dev/.test(statusLine(s)) && /~alice/.test(s));
    await tmux.waitFor('alice', (s) => /bob joined/.test(s) && /Members \(2\)/.test(s));
  });
});
