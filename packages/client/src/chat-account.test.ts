import type { ServerMessage } from 'aurora-protocol';
import { chat, error, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, type ChatState, chatReducer, initialChatState } from './chat-state.js';
import type { ConnectionStatus } from './connection-types.js';

const NOW = Date.UTC(2026, 2, 3, 13, 0, 0);
const server = (message: ServerMessage): ChatAction => ({
  type: 'connection',
  event: { type: 'server', message },
  now: NOW,
});
const status = (s: ConnectionStatus): ChatAction => ({
  type: 'connection',
  event: { type: 'status', status: s },
  now: NOW,
});
const run = (...actions: ChatAction[]) => actions.reduce(chatReducer, initialChatState('alice', 'test:8000'));
const notices = (state: ChatState, target = state.current) =>
  state.targets[target]!.items.toArray().flatMap((item) => (item.kind === 'notice' ? [item.text] : []));
const loggedIn = [
  status({ state: 'online', nick: 'alice', server: 'aurora-server', account: 'alice' }),
  server({ ...welcome('alice'), account: 'alice' }),
];
const digest = (
  mentions: ReturnType<typeof chat>[],
  direct: ReturnType<typeof chat>[] = [],
): ServerMessage => ({
  type: 'digest',
  mentions,
  direct,
  truncated: false,
});

describe('chatReducer: accounts', () => {
  it('knows a logged-in user from a guest', () => {
    expect(run(...loggedIn).account).toBe('alice');
    expect(run(status({ state: 'online', nick: 'alice', server: 'aurora-server' })).account).toBeUndefined();
  });

  it('makes a guest who registers its own name the account at once', () => {
    const guest = status({ state: 'online', nick: 'alice', server: 'aurora-server' });
    const state = run(
      guest,
      server({ type: 'auth', account: 'alice', token: 'secret-token', expiresAt: NOW, ref: 'register' }),
    );
    expect(state.account).toBe('alice');
    expect(notices(state)).toEqual([
      'Registered alice; you are logged in. This device keeps the session, never the password.',
    ]);
    expect(JSON.stringify(state)).not.toContain('secret-token');
  });

  it('says a guest registering another name is being logged in, in one sentence each', () => {
    const guest = status({ state: 'online', nick: 'alice', server: 'aurora-server' });
    const state = run(
      guest,
      server({ type: 'auth', account: 'bob', token: 'secret-token', expiresAt: NOW, ref: 'register' }),
    );
    expect(state.account).toBeUndefined();
    expect(notices(state)).toEqual([
      'Registered bob; logging in… This device keeps the session, never the password.',
    ]);
  });

  it('says how to log in when the stored session ended or the name is registered', () => {
    const ended = run(status({ state: 'refused', code: 'auth_failed', message: 'your session expired' }));
    expect(notices(ended)).toEqual([
      'Your session for alice on test:8000 ended; log in again with /login alice. /nick NAME goes on as a guest; lines you type meanwhile wait.',
    ]);
    const registered = run(
      status({ state: 'refused', code: 'name_registered', message: 'the name alice is registered' }),
      server(error('name_registered', 'the name alice is registered')),
    );
    expect(notices(registered)).toEqual([
      'the name alice is registered — log in with /login alice, or take another name with /nick NAME',
    ]);
    // A log-in refused from there is shown: it carries a ref, unlike the refused hello.
    const wrong = chatReducer(
      registered,
      server(error('auth_failed', 'wrong name or password', { ref: 'login' })),
    );
    expect(notices(wrong).at(-1)).toBe('wrong name or password (auth_failed)');
  });

  it('says whether the session was logged out here or elsewhere, and forgets the account', () => {
    const here = run(
      ...loggedIn,
      server({ type: 'logged_out', everywhere: true }),
      status({ state: 'logged-out', elsewhere: false }),
    );
    expect(here.account).toBeUndefined();
    expect(notices(here)).toEqual([
      'You logged out on every device. /login alice logs in again, /nick NAME goes on as a guest, /quit leaves.',
    ]);
    const there = run(...loggedIn, status({ state: 'logged-out', elsewhere: true }));
    expect(notices(there).at(-1)).toBe(
      'Your session for alice on test:8000 was logged out from another device; log in again with /login alice.',
    );
  });

  it('takes unread counts from joined, with mentions from the digest, and counts a replay once', () => {
    const state = run(
      ...loggedIn,
      server(digest([chat(9, 'bob', 'alice: look', { room: 'ops' })])),
      server({ ...joined('dev'), read: 0, unread: 0 }),
      server({ ...joined('ops', { seq: 10 }), read: 7, unread: 3 }),
      // Replayed after a resume: already in the server's count.
      server(chat(9, 'bob', 'alice: look', { room: 'ops' })),
      server(chat(11, 'bob', 'new', { room: 'ops' })),
    );
    expect(state.current).toBe('dev');
    expect(state.targets.ops).toMatchObject({ unread: 4, mentions: 1, readSeq: 7 });
  });

  it("marks mentions on a fresh device from the server's count, without a digest", () => {
    const state = run(
      ...loggedIn,
      server({ ...joined('dev'), read: 0, unread: 0, mentions: 0 }),
      server({ ...joined('ops', { seq: 10 }), read: 7, unread: 3, mentions: 2 }),
    );
    expect(state.targets.ops).toMatchObject({ unread: 3, mentions: 2 });
  });

  it('clears what a read marker from another device covers', () => {
    const ops = (seq: number, text: string) => chat(seq, 'bob', text, { room: 'ops' });
    const before = run(
      ...loggedIn,
      server({ ...joined('dev'), read: 0, unread: 0 }),
      server({ ...joined('ops', { seq: 1, history: [ops(1, 'old')] }), read: 1, unread: 0 }),
      server(ops(2, 'one')),
      server(ops(3, 'alice: two')),
      server(ops(4, 'three')),
    );
    expect(before.targets.ops).toMatchObject({ unread: 3, mentions: 1 });
    const partly = chatReducer(before, server({ type: 'read', target: 'ops', seq: 3 }));
    expect(partly.targets.ops).toMatchObject({ unread: 1, mentions: 0, readSeq: 3 });
    const backwards = chatReducer(partly, server({ type: 'read', target: 'ops', seq: 2 }));
    expect(backwards.targets.ops).toEqual(partly.targets.ops);
    const dm = run(...loggedIn, server(chat(5, 'Bob', 'hey', { to: 'alice' })));
    expect(dm.targets['@bob']).toMatchObject({ unread: 1 });
    expect(chatReducer(dm, server({ type: 'read', target: '@Bob', seq: 5 })).targets['@bob']).toMatchObject({
      unread: 0,
    });
  });

  it('shows the first digest until the user moves, and files its direct messages as unread', () => {
    const first = digest(
      [chat(3, 'bob', 'alice: ping', { room: 'dev' })],
      [chat(1, 'carol', 'lunch?', { to: 'alice' })],
    );
    const state = run(...loggedIn, server(first), server({ ...joined('dev'), read: 0, unread: 3 }));
    expect(state.awayDigest).toEqual(first);
    expect(state.targets['@carol']).toMatchObject({ unread: 1, mentions: 1 });
    expect(state.alerts).toEqual({ mentions: 0, messages: 0 });
    // A reconnect brings another digest: the block is not shown again.
    const again = chatReducer(chatReducer(state, { type: 'select', target: '@carol' }), server(first));
    expect(again.awayDigest).toBeUndefined();
    expect(run(...loggedIn, server(digest([]))).awayDigest).toBeUndefined();
  });

  it('marks a target read locally once the marker went out', () => {
    const state = run(
      ...loggedIn,
      server({ ...joined('dev'), read: 0, unread: 0 }),
      server({ ...joined('ops', { seq: 4 }), read: 2, unread: 2 }),
      { type: 'marked-read', target: 'ops', seq: 4 },
    );
    expect(state.targets.ops).toMatchObject({ readSeq: 4, unread: 0 });
  });
});
