import type { ServerMessage } from 'aurora-protocol';
import { chat, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, chatReducer } from './chat-reducer.js';
import { activeTarget, type ChatState, initialState } from './chat-state.js';
import { unreadBadge } from './titles.js';

const NOW = 1_700_000_100_000;
const run = (state: ChatState, ...actions: ChatAction[]) => actions.reduce(chatReducer, state);
const server = (message: ServerMessage): ChatAction => ({ type: 'server', message, now: NOW });
const auth = server({ type: 'auth', account: 'Alice', token: 'secret-token', expiresAt: NOW + 1000 });

function loggedIn(...actions: ChatAction[]): ChatState {
  return run(
    initialState(),
    { type: 'join-requested', nick: 'alice', room: 'dev' },
    auth,
    server({ ...welcome('Alice'), account: 'Alice' }),
    ...actions,
  );
}

describe('logging in', () => {
  it('keeps the session token for the next connection, and the account’s own spelling of the name', () => {
    const state = run(initialState(), { type: 'join-requested', nick: 'alice', room: 'dev' }, auth);
    expect(state.session).toEqual({ account: 'Alice', token: 'secret-token', expiresAt: NOW + 1000 });
    expect(state.wanted).toEqual({ nick: 'Alice', rooms: ['dev'] });
    expect(chatReducer(state, server({ ...welcome('Alice'), account: 'Alice' })).account).toBe('Alice');
  });

  it('starts from a stored session on the next visit', () => {
    const session = { account: 'Alice', token: 'kept', expiresAt: NOW + 1000 };
    const state = initialState({ room: 'dev', session });
    expect(state.wanted.nick).toBe('Alice');
    expect(state.session?.token).toBe('kept');
  });

  it('forgets a session the server no longer accepts, and keeps it after other failures', () => {
    const fail = (endsSession: boolean): ChatAction => ({
      type: 'hello-failed',
      message: 'x',
      fatal: true,
      endsSession,
    });
    expect(chatReducer(loggedIn(), fail(true)).session).toBeUndefined();
    expect(chatReducer(loggedIn(), fail(false)).session?.token).toBe('secret-token');
  });

  it('forgets the session when the person logs out, from the chat or the join screen', () => {
    const out = loggedIn(server({ type: 'logged_out', everywhere: false }));
    expect(out).toMatchObject({ screen: 'join', joinError: 'You logged out.' });
    expect(out.session).toBeUndefined();
    expect(
      chatReducer(initialState({ session: { account: 'a', token: 't', expiresAt: 1 } }), {
        type: 'forget-session',
      }).session,
    ).toBeUndefined();
  });
});

describe('read markers', () => {
  it('start a room with the account’s unread count from other devices', () => {
    const state = loggedIn(
      server(joined('dev', { seq: 10 })),
      server(
        joined('ops', {
          history: [chat(8, 'bob', 'a', { room: 'ops' }), chat(9, 'bob', 'b', { room: 'ops' })],
          read: 7,
          unread: 2,
        }),
      ),
    );
    expect(state.targets.get('ops')).toMatchObject({ unread: 2, readSeq: 7 });
    expect(state.targets.get('dev')?.unread).toBe(0);
  });

  it("mark mentions on a fresh device from the server's count, and clear them with the marker", () => {
    let state = loggedIn(
      server(joined('dev', { seq: 10 })),
      server(joined('ops', { seq: 9, read: 7, unread: 2, mentions: 2 })),
    );
    expect(state.targets.get('ops')).toMatchObject({ unread: 2, mentions: 2 });
    expect(unreadBadge(state.targets.get('ops')!)).toBe('2!');
    state = run(state, server(chat(10, 'bob', 'thanks ＡＬＩＣＥ.', { room: 'ops' })));
    state = run(state, server(chat(11, 'bob', 'malice-bot is up', { room: 'ops' })));
    expect(state.targets.get('ops')).toMatchObject({ unread: 4, mentions: 3 });
    state = run(state, { type: 'open', target: 'ops' });
    expect(state.targets.get('ops')).toMatchObject({ unread: 0, mentions: 0 });
  });

  it('clear what another device has read', () => {
    let state = loggedIn(server(joined('dev')), server(joined('ops')));
    state = run(
      state,
      server(chat(1, 'bob', 'one', { room: 'ops' })),
      server(chat(2, 'bob', 'two', { room: 'ops' })),
      server(chat(3, 'bob', 'three', { room: 'ops' })),
    );
    expect(state.targets.get('ops')?.unread).toBe(3);
    state = chatReducer(state, server({ type: 'read', target: 'ops', seq: 2 }));
    expect(state.targets.get('ops')).toMatchObject({ unread: 1, readSeq: 2 });
    expect(
      chatReducer(state, server({ type: 'read', target: 'ops', seq: 1 })).targets.get('ops')?.unread,
    ).toBe(1);
  });
});

describe('the digest', () => {
  it('files direct messages as unread and lists mentions in the first room shown', () => {
    const mention = chat(5, 'bob', 'alice: can you look?', { room: 'ops' });
    const direct = chat(1, 'carol', 'psst', { kind: 'dm', room: undefined, to: 'Alice' });
    const state = loggedIn(
      server({ type: 'digest', mentions: [mention], direct: [direct], truncated: false }),
      server(joined('dev')),
    );
    expect(state.targets.get('@carol')).toMatchObject({ unread: 1, isDm: true });
    const notices = activeTarget(state)?.entries.filter((e) => e.type === 'notice');
    expect(notices?.map((n) => n.type === 'notice' && n.text)).toEqual([
      'While you were away: 1 mention, 1 direct message.\nbob in #ops: alice: can you look?',
    ]);
    expect(state.digest).toBeUndefined();
  });

  it('says nothing when nothing happened', () => {
    const state = loggedIn(
      server({ type: 'digest', mentions: [], direct: [], truncated: false }),
      server(joined('dev')),
    );
    expect(activeTarget(state)?.entries).toEqual([]);
  });
});
