import type { Member, ServerMessageOf } from 'aurora-protocol';
import { joined, members, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { onServerMessage } from './chat-server.js';
import { type ChatState, initialChatState } from './chat-state.js';
import { WHO_PAGE_SIZE, whoPage } from './member-pages.js';

const NOW = Date.UTC(2026, 2, 3, 13, 0, 0);

function page(list: Member[], more: boolean, count: number): ServerMessageOf<'members'> {
  return { type: 'members', room: 'hall', members: list, more, count };
}

function lastNotice(state: ChatState): string {
  const items = state.targets[state.current]!.items;
  const last = items.at(items.length - 1);
  return last && 'text' in last ? String(last.text) : '';
}

function inBigRoom(): ChatState {
  let state = onServerMessage(initialChatState('alice'), welcome('alice'), NOW);
  state = onServerMessage(state, joined('hall', { members: [], memberCount: 2000 }), NOW);
  return state;
}

describe('member pages of a big room', () => {
  it('asks a room that sent its whole list for the whole list again', () => {
    const state = onServerMessage(
      initialChatState('alice'),
      joined('dev', { members: members('alice') }),
      NOW,
    );
    expect(whoPage(state.targets.dev)).toBeUndefined();
  });

  it('pages a big room a page at a time, keeping the names, then starts over after the last', () => {
    let state = inBigRoom();
    expect(whoPage(state.targets.hall)).toEqual({ limit: WHO_PAGE_SIZE });

    state = onServerMessage(state, page(members('ann', 'bob'), true, 2001), NOW);
    expect(state.targets.hall!.members.map((m) => m.nick)).toEqual(['ann', 'bob']);
    expect(state.targets.hall!.memberCount).toBe(2001);
    expect(whoPage(state.targets.hall)).toEqual({ after: 'bob', limit: WHO_PAGE_SIZE });
    expect(lastNotice(state)).toBe(`In hall (1-2 of 2,001): ann, bob; /who for the next ${WHO_PAGE_SIZE}`);

    state = onServerMessage(state, page(members('cy', 'dee'), false, 2001), NOW);
    expect(state.targets.hall!.members.map((m) => m.nick)).toEqual(['ann', 'bob', 'cy', 'dee']);
    expect(lastNotice(state)).toBe('In hall (3-4 of 2,001): cy, dee');
    expect(whoPage(state.targets.hall)).toEqual({ limit: WHO_PAGE_SIZE });

    state = onServerMessage(state, page(members('ann'), true, 1999), NOW);
    expect(state.targets.hall!.members.map((m) => m.nick)).toEqual(['ann']);
    expect(state.targets.hall!.memberCount).toBe(1999);
  });
});
