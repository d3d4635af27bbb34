import { chatReducer, initialChatState, onServerMessage } from 'aurora-client';
import { EMPTY_PREFS } from 'aurora-protocol';
import { chat, joined, members } from 'aurora-testkit';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { createTheme } from '../../core/theme.js';
import { statusText } from '../status-line/status-text.js';
import { sidePanelLines } from './side-panel-lines.js';

const theme = createTheme({ chalk: new Chalk({ level: 0 }) });
const NOW = Date.UTC(2026, 2, 3, 12, 0);

describe('sidePanelLines', () => {
  it('never shows two long member names alike: each is folded whole over rows', () => {
    let state = initialChatState('alice');
    const crowd = members('alice', 'deploy-bot-production-eu', 'deploy-bot-production-us');
    state = onServerMessage(state, joined('dev', { members: crowd }), NOW);
    const lines = sidePanelLines(state, theme, 20, 20, NOW).map((line) => line.trimEnd());
    const names = lines.slice(lines.indexOf('Members (3)') + 1);
    expect(names).toEqual(['alice', 'deploy-bot-product', '  ion-eu', 'deploy-bot-product', '  ion-us']);
  });

  it('folds long conversation names in the room list, keeping the badge on the first row', () => {
    let state = initialChatState('alice');
    state = onServerMessage(state, joined('dev', { members: members('alice') }), NOW);
    for (const from of ['deploy-bot-production-eu', 'deploy-bot-production-us'])
      state = onServerMessage(state, chat(1, from, 'done', { to: 'alice' }), NOW);
    const lines = sidePanelLines(state, theme, 20, 20, NOW).map((line) => line.trimEnd());
    const rows = lines.slice(1, lines.indexOf(''));
    expect(rows.join('\n')).toMatch(
      /@deploy-bot-p\s+1!\n {2}roduction-eu\n.*@deploy-bot-p\s+1!\n {2}roduction-us/,
    );
  });

  it('marks owners, operators and server admins in the member list', () => {
    let state = initialChatState('bob');
    const list = [
      { nick: 'alice', away: false, role: 'owner' as const },
      { nick: 'bob', away: false },
      { nick: 'carol', away: false, role: 'operator' as const },
      { nick: 'root', away: false, role: 'admin' as const },
    ];
    state = onServerMessage(state, joined('dev', { members: list }), NOW);
    const lines = sidePanelLines(state, theme, 20, 20, NOW).map((line) => line.trimEnd());
    expect(lines.slice(lines.indexOf('Members (4)') + 1)).toEqual(['~alice', 'bob', '@carol', '&root']);
  });

  it('shows a big room as its number of people, with the names /who paged in', () => {
    let state = initialChatState('alice');
    state = onServerMessage(state, joined('hall', { members: [], memberCount: 5000 }), NOW);
    let lines = sidePanelLines(state, theme, 20, 20, NOW).map((line) => line.trimEnd());
    expect(lines.slice(lines.indexOf('5,000 people'))).toEqual(['5,000 people', '/who lists names']);
    const page = {
      type: 'members' as const,
      room: 'hall',
      members: members('ann', 'bob'),
      more: true,
      count: 5000,
    };
    state = onServerMessage(state, page, NOW);
    lines = sidePanelLines(state, theme, 20, 20, NOW).map((line) => line.trimEnd());
    expect(lines.slice(lines.indexOf('5,000 people'))).toEqual(['5,000 people', 'ann', 'bob', '+4,998 more']);
  });
});

describe('muted rooms and conversations', () => {
  it('are dimmed in the side panel and said in the status line while the mute lasts', () => {
    const coloured = createTheme({ chalk: new Chalk({ level: 1 }) });
    let state = initialChatState('alice');
    state = onServerMessage(state, joined('dev', { members: members('alice') }), NOW);
    state = onServerMessage(state, joined('ops', { members: members('alice') }), NOW);
    state = onServerMessage(state, chat(1, 'bob', 'deploying', { room: 'ops' }), NOW);
    const mutes = [{ target: 'ops', until: NOW + 60_000 }];
    state = chatReducer(state, { type: 'prefs', prefs: { ...EMPTY_PREFS, mutes }, now: NOW });
    const row = (at: number) =>
      sidePanelLines(state, coloured, 20, 20, at).find((line) => line.includes('#ops'))!;
    expect(row(NOW)).toBe(coloured.muted('2 #ops           1'));
    expect(row(NOW + 60_000)).toBe(coloured.unread('2 #ops           1'));
    const shown = chatReducer(state, { type: 'select', target: 'ops' });
    expect(statusText(shown, 'example.org', NOW, 80)).toContain('│ #ops │ muted');
    expect(statusText(shown, 'example.org', NOW + 60_000, 80)).not.toContain('muted');
  });
});
