import type { ServerMessage } from 'aurora-protocol';
import { chat, joined, members, roomSettings, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, type ChatState, chatReducer, initialChatState } from './chat-state.js';

const NOW = Date.UTC(2026, 11, 6, 18, 0, 0);
const server = (message: ServerMessage): ChatAction => ({
  type: 'connection',
  event: { type: 'server', message },
  now: NOW,
});
const run = (...messages: ServerMessage[]) =>
  messages.map(server).reduce(chatReducer, initialChatState('bob'));
const notices = (state: ChatState, target = state.current) =>
  state.targets[target]!.items.toArray().flatMap((item) => (item.kind === 'notice' ? [item.text] : []));
const kickNotice = chat(2, 'alice', 'alice kicked bob from #dev: calm down', {
  kind: 'system',
  event: { kind: 'moderation', nick: 'alice', action: 'kick', target: 'bob', reason: 'calm down' },
});

describe('moderation in the chat state', () => {
  it('closes a room the person was kicked from and says why where they now look', () => {
    const state = run(
      welcome('bob'),
      joined('dev', { members: members('alice', 'bob') }),
      { type: 'moderated', action: 'kick', room: 'dev', by: 'alice', target: 'bob', reason: 'calm down' },
      kickNotice,
      { type: 'left', room: 'dev', removed: 'kicked' },
    );
    expect(state.targets.dev).toBeUndefined();
    expect(notices(state)).toEqual([
      'You were kicked from dev (alice kicked bob from #dev: calm down). /join dev to come back.',
    ]);
  });

  it('tells a muted person in the room, and a banned one that they cannot rejoin', () => {
    let state = run(welcome('bob'), joined('dev'), {
      type: 'moderated',
      action: 'mute',
      room: 'dev',
      by: 'alice',
      target: 'bob',
      until: Date.UTC(2026, 11, 6, 19, 0, 0),
    });
    expect(notices(state, 'dev')).toEqual([
      'alice muted you in #dev until 2026-12-06 19:00 UTC. You can read, but not speak there.',
    ]);
    state = [server({ type: 'left', room: 'dev', removed: 'banned' })].reduce(chatReducer, state);
    expect(notices(state).at(-1)).toBe('You were banned from dev. You cannot rejoin while the ban lasts.');
  });

  it('keeps member roles current from joins and stored op, deop and claim notices', () => {
    const op = (seq: number, action: 'op' | 'deop' | 'claim', target: string) =>
      chat(seq, 'alice', 'x', {
        kind: 'system',
        event: { kind: 'moderation', nick: 'alice', action, target },
      });
    const state = run(
      welcome('bob'),
      joined('dev', {
        members: [
          { nick: 'alice', account: true, away: false },
          { nick: 'bob', away: false },
        ],
      }),
      { type: 'presence', room: 'dev', event: 'join', nick: 'root', account: true, role: 'admin' },
      op(1, 'claim', 'alice'),
      op(2, 'op', 'carol'),
      { type: 'presence', room: 'dev', event: 'join', nick: 'carol', account: true },
      op(3, 'op', 'carol'),
      op(4, 'op', 'root'),
    );
    expect(state.targets.dev!.members.map((m) => [m.nick, m.role])).toEqual([
      ['alice', 'owner'],
      ['bob', undefined],
      ['carol', 'operator'],
      ['root', 'admin'],
    ]);
    const after = [server(op(5, 'deop', 'carol'))].reduce(chatReducer, state);
    expect(after.targets.dev!.members.find((m) => m.nick === 'carol')?.role).toBeUndefined();
  });

  it('lists bans in one line', () => {
    const state = run(welcome('alice'), joined('dev'), {
      type: 'bans',
      room: 'dev',
      bans: [{ name: 'bob', by: 'alice', at: NOW, reason: 'spam', address: true }],
    });
    expect(notices(state, 'dev')).toEqual(['Bans in dev (1): bob (and address) by alice: spam']);
  });
});

describe('room settings in the chat state', () => {
  it('tells an invited person where, and how to go in', () => {
    const state = run(welcome('bob'), joined('lobby'), {
      type: 'moderated',
      action: 'invite',
      room: 'dev',
      by: 'alice',
      target: 'bob',
    });
    expect(notices(state, 'lobby')).toEqual(['alice invited you to #dev. /join #dev to go in.']);
  });

  it("says a room's settings and invites in words", () => {
    const settings = {
      moderated: true,
      inviteOnly: false,
      topicProtected: true,
      private: false,
      password: true,
    };
    const state = run(
      welcome('bob'),
      joined('dev'),
      { type: 'mode', room: 'dev', settings },
      { type: 'invites', room: 'dev', invites: [{ name: 'carol', by: 'alice', at: 1 }] },
      { type: 'invites', room: 'dev', invites: [] },
    );
    expect(notices(state, 'dev')).toEqual([
      '#dev is moderated (only operators and voiced people speak), has its topic protected, needs a join password; mode +mtk',
      'Invited to #dev (1): carol (by alice)',
      'Nobody is invited to #dev.',
    ]);
  });

  it('marks a voiced member from the stored notice, and unmarks them', () => {
    const voice = (seq: number, action: 'voice' | 'devoice') =>
      chat(seq, 'alice', 'x', {
        kind: 'system',
        event: { kind: 'moderation', nick: 'alice', action, target: 'carol' },
      });
    let state = run(
      welcome('bob'),
      joined('dev', { members: members('alice', 'bob', 'carol') }),
      voice(1, 'voice'),
    );
    expect(state.targets.dev!.members.find((m) => m.nick === 'carol')?.role).toBe('voice');
    state = [server(voice(2, 'devoice'))].reduce(chatReducer, state);
    expect(state.targets.dev!.members.find((m) => m.nick === 'carol')?.role).toBeUndefined();
  });

  it("knows a room's settings from joined, and keeps them current from notices and answers", () => {
    const open = roomSettings({ topicProtected: true });
    const mode = (seq: number, setting: 'moderated' | 'inviteOnly', on: boolean) =>
      chat(seq, 'alice', 'x', { kind: 'system', event: { kind: 'mode', nick: 'alice', setting, on } });
    let state = run(welcome('bob'), joined('dev', { settings: open }));
    expect(state.targets.dev!.settings).toEqual(open);
    state = [server(mode(1, 'moderated', true)), server(mode(2, 'inviteOnly', true))].reduce(
      chatReducer,
      state,
    );
    expect(state.targets.dev!.settings).toEqual({ ...open, moderated: true, inviteOnly: true });
    state = [server(mode(3, 'inviteOnly', false))].reduce(chatReducer, state);
    expect(state.targets.dev!.settings).toEqual({ ...open, moderated: true });
    state = [server({ type: 'mode', room: 'dev', settings: { ...open, private: true } })].reduce(
      chatReducer,
      state,
    );
    expect(state.targets.dev!.settings).toEqual({ ...open, private: true });
    // A server that does not say them: unknown, and a notice alone does not make them up.
    const older = run(welcome('bob'), joined('dev'), mode(1, 'moderated', true));
    expect(older.targets.dev!.settings).toBeUndefined();
  });

  it('takes a settings change stored after the server read the settings from the history of joined', () => {
    const plusM = chat(4, 'alice', 'alice made #dev moderated', {
      kind: 'system',
      event: { kind: 'mode', nick: 'alice', setting: 'moderated', on: true },
    });
    // The live copy of the notice follows joined and is a duplicate of the one in its history.
    const state = run(welcome('bob'), joined('dev', { settings: roomSettings(), history: [plusM] }), plusM);
    expect(state.targets.dev!.settings).toEqual(roomSettings({ moderated: true }));
  });
});
