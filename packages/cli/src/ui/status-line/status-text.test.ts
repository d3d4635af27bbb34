import { initialChatState, onServerMessage } from 'aurora-client';
import { chat, joined, members, roomSettings, welcome } from 'aurora-testkit';
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

  it("shows a room's settings as mode letters after its name, kept current by mode notices", () => {
    const open = roomSettings();
    let state = onServerMessage(initialChatState('alice'), welcome('alice'), NOW);
    state = onServerMessage(state, joined('dev', { settings: open }), NOW);
    expect(statusText(state, 'aurora', NOW, 80)).toContain('│ #dev ');
    expect(statusText(state, 'aurora', NOW, 80)).not.toMatch(/#dev \+/);
    state = onServerMessage(
      state,
      joined('dev', { settings: { ...open, topicProtected: true, inviteOnly: true } }),
      NOW,
    );
    expect(statusText(state, 'aurora', NOW, 80)).toContain('│ #dev +it ');
    const notice = chat(1, 'bob', 'bob made #dev moderated', {
      kind: 'system',
      event: { kind: 'mode', nick: 'bob', setting: 'moderated', on: true },
    });
    state = onServerMessage(state, notice, NOW);
    expect(statusText(state, 'aurora', NOW, 80)).toContain('│ #dev +mit ');
  });
});
