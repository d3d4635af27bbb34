import { initialChatState, onServerMessage } from 'aurora-client';
import { joined, members, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { statusText } from './status-text.js';

const NOW = Date.UTC(2026, 2, 3, 12, 0);

describe('statusText', () => {
  it("shows a big room's number of people beside its name, and nothing of the kind in a small room", () => {
    let state = onServerMessage(initialChatState('alice'), welcome('alice'), NOW);
    state = onServerMessage(state, joined('dev', { members: members('alice') }), NOW);
    expect(statusText(state, 'aurora', NOW, 80)).not.toContain('people');
    state = onServerMessage(state, joined('hall', { members: [], memberCount: 12_345 }), NOW);
    state = { ...state, current: 'hall' };
    expect(statusText(state, 'aurora', NOW, 80)).toMatch(/#hall │ 12,345 people/);
  });
});
