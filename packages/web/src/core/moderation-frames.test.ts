import { parseInput } from 'aurora-client';
import type { ServerMessage } from 'aurora-protocol';
import { chat, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, chatReducer } from './chat-reducer.js';
import { type ChatState, initialState } from './chat-state.js';
import { planCommand } from './command-plan.js';

const NOW = 1_700_000_000_000;
const server = (message: ServerMessage): ChatAction => ({ type: 'server', message, now: NOW });
const run = (me: string, ...messages: ServerMessage[]): ChatState =>
  [{ type: 'join-requested', nick: me, room: 'dev' } as ChatAction, ...messages.map(server)].reduce(
    chatReducer,
    initialState(),
  );
const noticeTexts = (state: ChatState, key: string) =>
  (state.targets.get(key)?.entries ?? []).flatMap((e) => ('text' in e && !('message' in e) ? [e.text] : []));

describe('moderation in the page', () => {
  it('plans the moderation commands as requests for the room on screen', () => {
    const state = run('alice', welcome('alice'), joined('dev'));
    const planned = (line: string) => {
      const parsed = parseInput(line);
      if (!parsed.ok) throw new Error(parsed.message);
      return planCommand(parsed.command, state);
    };
    expect(planned('/ban bob 2h spam').frames).toEqual([
      { type: 'moderate', action: 'ban', name: 'bob', room: 'dev', forMs: 7_200_000, reason: 'spam' },
    ]);
    expect(planned('/claim').frames).toEqual([{ type: 'claim', room: 'dev' }]);
    expect(planned('/bans').frames).toEqual([{ type: 'bans', room: 'dev' }]);
    expect(planned('/kill bob').frames).toEqual([{ type: 'moderate', action: 'kill', name: 'bob' }]);
  });

  it('shows roles from joins and op notices, and closes a room the person was kicked from', () => {
    let state = run(
      'bob',
      welcome('bob'),
      joined('ops'),
      joined('dev', {
        members: [
          { nick: 'alice', account: true, away: false, role: 'owner' },
          { nick: 'bob', away: false },
        ],
      }),
      { type: 'presence', room: 'dev', event: 'join', nick: 'carol', account: true },
      chat(3, 'alice', 'alice made carol an operator of #dev', {
        kind: 'system',
        event: { kind: 'moderation', nick: 'alice', action: 'op', target: 'carol' },
      }),
    );
    expect(state.targets.get('dev')!.members.map((m) => [m.nick, m.role])).toEqual([
      ['alice', 'owner'],
      ['bob', undefined],
      ['carol', 'operator'],
    ]);
    state = [server({ type: 'left', room: 'dev', removed: 'kicked' })].reduce(chatReducer, state);
    expect(state.targets.has('dev')).toBe(false);
    expect(noticeTexts(state, 'ops')).toContain('You were kicked from #dev. /join #dev to come back.');
  });
});
