import type { ServerMessage } from 'aurora-protocol';
import { chat, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, chatReducer } from './chat-reducer.js';
import { activeTarget, type ChatState, initialState } from './chat-state.js';

const NOW = 1_700_000_100_000;
const run = (state: ChatState, ...actions: ChatAction[]) => actions.reduce(chatReducer, state);
const server = (message: ServerMessage): ChatAction => ({ type: 'server', message, now: NOW });

describe('registered members', () => {
  it('keep their registered sign through away and back, and a join says who is registered', () => {
    const presence = (event: 'join' | 'away' | 'back', nick: string, account?: boolean) =>
      server({ type: 'presence', room: 'dev', event, nick, ...(account ? { account } : {}) });
    const state = run(
      initialState(),
      { type: 'join-requested', nick: 'alice', room: 'dev' },
      server(welcome('alice')),
      { type: 'connection', status: 'online' },
      server(joined('dev', { history: [{ ...chat(1, 'carol', 'hi'), account: true }] })),
      presence('join', 'carol', true),
      presence('join', 'dave'),
      presence('away', 'carol'),
      presence('back', 'carol'),
    );
    const members = activeTarget(state)?.members ?? [];
    expect(members.find((m) => m.nick === 'carol')).toEqual({ nick: 'carol', account: true, away: false });
    expect(members.find((m) => m.nick === 'dave')).toEqual({ nick: 'dave', away: false });
    const entry = activeTarget(state)?.entries[0];
    expect(entry?.type === 'message' && entry.message.account).toBe(true);
  });
});
