import type { ServerMessage } from 'aurora-protocol';
import { chat, joined, members, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, chatReducer } from './chat-reducer.js';
import { activeTarget, type ChatState, initialState, totalUnread } from './chat-state.js';
import { COMMAND_REFS } from './command-refs.js';
import { MAX_ENTRIES, STARTED_OVER } from './state-updates.js';
import { timelineRows } from './timeline-rows.js';

const NOW = 1_700_000_100_000;

const run = (state: ChatState, ...actions: ChatAction[]) => actions.reduce(chatReducer, state);
const server = (message: ServerMessage, now = NOW): ChatAction => ({ type: 'server', message, now });
const online: ChatAction = { type: 'connection', status: 'online' };
const dropped: ChatAction = { type: 'connection', status: 'reconnecting', retryAt: NOW + 500 };

/** alice, welcomed and in #dev with two messages of history. */
function inDev(): ChatState {
  return run(
    initialState(),
    { type: 'join-requested', nick: 'alice', room: 'dev' },
    server(welcome('alice')),
    online,
    server(
      joined('dev', {
        history: [chat(1, 'bob', 'hi'), chat(2, 'alice', 'hello')],
        members: members('alice'),
        more: true,
      }),
    ),
  );
}

const texts = (state: ChatState, key = state.active) =>
  (key === undefined ? [] : (state.targets.get(key)?.entries ?? [])).map((e) =>
    e.type === 'message' ? e.message.text : `[${e.text}]`,
  );

describe('joining', () => {
  it('moves from the join screen to the room once the server welcomes and joins', () => {
    const state = inDev();
    expect(state.screen).toBe('chat');
    expect(state.me).toBe('alice');
    expect(state.active).toBe('dev');
    expect(texts(state)).toEqual(['hi', 'hello']);
    expect(activeTarget(state)).toMatchObject({ joined: true, hasOlder: true, cursor: 2 });
  });

  it('keeps the join screen with the reason when the server refuses the name', () => {
    const state = run(
      initialState(),
      { type: 'join-requested', nick: 'bob', room: 'dev' },
      { type: 'hello-failed', message: 'The name bob is taken.', fatal: false, endsSession: false },
    );
    expect(state).toMatchObject({ screen: 'join', joinError: 'The name bob is taken.' });
    expect(state.wanted).toEqual({ nick: 'bob', rooms: ['dev'] });
    expect(
      chatReducer(state, { type: 'join-requested', nick: 'bob2', room: 'dev' }).joinError,
    ).toBeUndefined();
  });

  it('returns to the join screen when a reconnect can never succeed with this name', () => {
    const state = run(inDev(), dropped, {
      type: 'hello-failed',
      message: 'Log in.',
      fatal: true,
      endsSession: false,
    });
    expect(state).toMatchObject({
      screen: 'join',
      joinError: 'Log in.',
      wanted: { nick: 'alice', rooms: ['dev'] },
    });
  });

  it('keeps the name and room to join with, for the connection to greet with', () => {
    const state = chatReducer(initialState(), { type: 'join-requested', nick: 'alice', room: 'dev' });
    expect(state.wanted).toEqual({ nick: 'alice', rooms: ['dev'] });
    expect(state.connection.status).toBe('connecting');
  });

  it('switches to a room joined with /join when the server confirms it', () => {
    const state = run(inDev(), { type: 'join-room', room: 'ops' }, server(joined('ops')));
    expect(state.active).toBe('ops');
    expect(state.order).toEqual(['dev', 'ops']);
  });

  it('stays in the current room when another room is joined without asking to switch', () => {
    expect(run(inDev(), server(joined('ops'))).active).toBe('dev');
  });
});

describe('messages', () => {
  it('shows a message that arrives twice (replay after a reconnect) once', () => {
    const state = run(inDev(), server(chat(3, 'bob', 'again')), server(chat(3, 'bob', 'again')));
    expect(texts(state)).toEqual(['hi', 'hello', 'again']);
  });

  it('counts unread messages in other conversations, not in the one on screen', () => {
    let state = run(inDev(), server(joined('ops')));
    state = run(state, server(chat(1, 'bob', 'in ops', { room: 'ops' })), server(chat(3, 'bob', 'in dev')));
    expect(state.targets.get('ops')?.unread).toBe(1);
    expect(state.targets.get('dev')?.unread).toBe(0);
    expect(totalUnread(state)).toBe(1);
    state = chatReducer(state, { type: 'open', target: 'ops' });
    expect(totalUnread(state)).toBe(0);
  });

  it('does not count own messages or system notices as unread', () => {
    let state = run(inDev(), server(joined('ops')));
    state = run(
      state,
      server(chat(1, 'ALICE', 'mine', { room: 'ops' })),
      server(chat(2, 'aurora', 'bob joined', { room: 'ops', kind: 'system' })),
    );
    expect(state.targets.get('ops')?.unread).toBe(0);
  });

  it('counts a webhook posting under my name as unread: it is not my message', () => {
    let state = run(inDev(), server(joined('ops')));
    state = run(state, server(chat(1, 'alice', 'build 412 passed', { room: 'ops', bot: true })));
    expect(state.targets.get('ops')?.unread).toBe(1);
  });

  it('counts messages in the room on screen while the page is hidden, and clears them on return', () => {
    let state = run(inDev(), { type: 'visibility', visible: false }, server(chat(3, 'bob', 'psst')));
    expect(state.targets.get('dev')?.unread).toBe(1);
    state = chatReducer(state, { type: 'visibility', visible: true });
    expect(state.targets.get('dev')?.unread).toBe(0);
  });

  it('keeps the newest messages of a long session, and can page the dropped ones back', () => {
    let state = inDev();
    for (let seq = 3; seq <= MAX_ENTRIES + 10; seq++)
      state = chatReducer(state, server(chat(seq, 'bob', `m${seq}`)));
    const target = activeTarget(state)!;
    expect(target.entries).toHaveLength(MAX_ENTRIES);
    expect(texts(state).at(-1)).toBe(`m${MAX_ENTRIES + 10}`);
    expect(target.hasOlder).toBe(true);
  });

  it('ignores messages for rooms it is not in', () => {
    const state = inDev();
    expect(chatReducer(state, server(chat(1, 'bob', 'x', { room: 'elsewhere' })))).toBe(state);
  });

  it('follows the topic from live topic notices, not from older history', () => {
    const notice = (seq: number, topic: string) =>
      chat(seq, 'bob', `bob set the topic to ${topic}`, {
        kind: 'system',
        event: { kind: 'topic', nick: 'bob', topic },
      });
    let state = chatReducer(inDev(), server(notice(3, 'Release day')));
    expect(activeTarget(state)?.topic).toBe('Release day');
    state = run(
      state,
      { type: 'older-requested', target: 'dev' },
      server({ type: 'history', target: 'dev', messages: [notice(0, 'old')], more: false }),
    );
    expect(texts(state)[0]).toBe('bob set the topic to old');
    expect(activeTarget(state)?.topic).toBe('Release day');
  });

  it('clears the typing line of whoever sent a message', () => {
    let state = run(inDev(), server({ type: 'typing', room: 'dev', nick: 'bob', active: true }));
    expect([...activeTarget(state)!.typing.keys()]).toEqual(['bob']);
    state = chatReducer(state, server(chat(3, 'bob', 'done')));
    expect(activeTarget(state)!.typing.size).toBe(0);
  });
});

describe('sending', () => {
  const send = (cid: string, text: string): ChatAction => ({
    type: 'send',
    cid,
    target: 'dev',
    kind: 'chat',
    text,
    now: NOW,
  });
  const ack = (cid: string, seq: number): ServerMessage => ({
    type: 'ack',
    cid,
    id: `m${seq}`,
    seq,
    room: 'dev',
    ts: NOW,
  });

  it('shows a message as pending until the server acknowledges it, then once as stored', () => {
    let state = chatReducer(inDev(), send('c1', 'hello there'));
    expect(state.pending.map((p) => p.text)).toEqual(['hello there']);
    state = chatReducer(state, server(ack('c1', 3)));
    expect(state.pending).toEqual([]);
    expect(texts(state)).toEqual(['hi', 'hello', 'hello there']);
    state = chatReducer(state, server(chat(3, 'alice', 'hello there', { cid: 'c1', id: 'm3' })));
    expect(texts(state)).toEqual(['hi', 'hello', 'hello there']);
  });

  it('resolves a pending message when its own echo arrives before the ack', () => {
    const state = run(inDev(), send('c1', 'quick'), server(chat(3, 'alice', 'quick', { cid: 'c1' })));
    expect(state.pending).toEqual([]);
    expect(texts(state).at(-1)).toBe('quick');
  });

  it('keeps a message pending while the connection is down, until the server stores it', () => {
    let state = run(inDev(), send('c1', 'lost?'), dropped);
    expect(state.pending).toMatchObject([{ cid: 'c1', text: 'lost?' }]);
    expect(activeTarget(state)?.joined).toBe(false);
    state = run(state, server(welcome('alice')), online, server(joined('dev')), server(ack('c1', 3)));
    expect(state.pending).toEqual([]);
    expect(texts(state).at(-1)).toBe('lost?');
  });

  it('marks a refused message with the reason and lets the user retry or discard it', () => {
    let state = run(inDev(), send('c1', 'x'), {
      type: 'send-failed',
      cid: 'c1',
      message: 'text is too long',
    });
    expect(state.pending[0]).toMatchObject({ failure: 'text is too long' });
    state = chatReducer(state, { type: 'retry', cid: 'c1', newCid: 'c2' });
    expect(state.pending).toEqual([{ cid: 'c2', target: 'dev', kind: 'chat', text: 'x', createdAt: NOW }]);
    expect(chatReducer(state, { type: 'discard', cid: 'c2' }).pending).toEqual([]);
  });

  it('shows a rate-limited message as waiting until the engine may send it again', () => {
    const state = run(inDev(), send('c1', 'x'), { type: 'send-delayed', cid: 'c1', retryAt: NOW + 700 });
    expect(state.pending[0]).toMatchObject({ retryAt: NOW + 700 });
    expect(state.pending[0]?.failure).toBeUndefined();
  });
});

describe('resuming', () => {
  it('keeps the last message seen of every room and conversation, to tell a replay from news', () => {
    const state = run(
      inDev(),
      server(chat(3, 'bob', 'three')),
      server(chat(1, 'bob', 'psst', { to: 'alice' })),
      dropped,
    );
    expect(state.targets.get('dev')?.cursor).toBe(3);
    expect(state.targets.get('@bob')?.cursor).toBe(1);
  });

  it('keeps what was shown and adds only the missed messages after a resume', () => {
    const state = run(
      inDev(),
      dropped,
      server(welcome('alice')),
      online,
      server(joined('dev', { seq: 4 })),
      server(chat(3, 'bob', 'missed 1')),
      server(chat(4, 'bob', 'missed 2')),
      server({ type: 'resumed', target: 'dev', recovered: true, replayed: 2, seq: 4 }),
    );
    expect(texts(state)).toEqual(['hi', 'hello', 'missed 1', 'missed 2']);
    expect(activeTarget(state)).toMatchObject({ cursor: 4, joined: true, hasOlder: true });
  });

  it('shows the messages of a server that restarted without storage, though their seqs were seen', () => {
    const restarted = run(
      inDev(),
      server(chat(1, 'bob', 'psst', { to: 'alice' })),
      dropped,
      server(welcome('alice')),
      online,
      // The room is empty on the new server, and its seqs start again at 1.
      server(joined('dev', { seq: 0 })),
      server({ type: 'resumed', target: 'dev', recovered: false, replayed: 0, seq: 0 }),
      server(chat(1, 'bob', 'after the restart', { id: 'new-1' })),
      server(chat(1, 'bob', 'a new psst', { to: 'alice', id: 'new-dm-1' })),
    );
    expect(texts(restarted)).toEqual([`[${STARTED_OVER}]`, 'after the restart']);
    expect(texts(restarted, '@bob')).toEqual(['a new psst', `[${STARTED_OVER}]`]);
    expect(restarted.targets.get('dev')).toMatchObject({ cursor: 1 });
  });

  it('starts over with the history of a restarted server that already has messages again', () => {
    const state = run(
      inDev(),
      server(chat(3, 'bob', 'three')),
      dropped,
      server(welcome('alice')),
      online,
      server(
        joined('dev', {
          seq: 2,
          history: [chat(1, 'carol', 'new one', { id: 'n1' }), chat(2, 'carol', 'new two', { id: 'n2' })],
        }),
      ),
    );
    expect(texts(state)).toEqual(['new one', 'new two', `[${STARTED_OVER}]`]);
  });

  it('starts a room from the join point, not from its first message', () => {
    const state = run(inDev(), server(joined('ops', { seq: 40, more: true })));
    expect(state.targets.get('ops')).toMatchObject({ cursor: 40, hasOlder: true });
  });
});

describe('history', () => {
  it('puts an older page before what is shown and remembers whether more exist', () => {
    let state = chatReducer(inDev(), { type: 'older-requested', target: 'dev' });
    expect(activeTarget(state)?.loadingOlder).toBe(true);
    state = chatReducer(
      state,
      server({ type: 'history', target: 'dev', messages: [chat(0, 'bob', 'zero')], more: false }),
    );
    expect(texts(state)).toEqual(['zero', 'hi', 'hello']);
    expect(activeTarget(state)).toMatchObject({ loadingOlder: false, hasOlder: false, unread: 0 });
  });

  it('stops loading when the server refuses the page', () => {
    let state = chatReducer(inDev(), { type: 'older-requested', target: 'dev' });
    state = chatReducer(
      state,
      server({ type: 'error', code: 'forbidden', message: 'not yours', ref: COMMAND_REFS.history }),
    );
    expect(activeTarget(state)).toMatchObject({ loadingOlder: false, hasOlder: false });
    expect(texts(state).at(-1)).toBe('[not yours]');
  });
});

describe('direct messages', () => {
  const dm = (seq: number, from: string, to: string, text: string) =>
    chat(seq, from, text, { kind: 'dm', room: undefined, to });

  it('files both directions of a conversation under the other person', () => {
    const state = run(inDev(), server(dm(1, 'Bob', 'alice', 'hey')), server(dm(2, 'alice', 'bob', 'yo')));
    expect(state.order).toEqual(['dev', '@bob']);
    expect(texts(state, '@bob')).toEqual(['hey', 'yo']);
    expect(state.targets.get('@bob')).toMatchObject({ name: 'Bob', isDm: true, unread: 1 });
  });

  it('opens and closes a conversation', () => {
    let state = chatReducer(inDev(), { type: 'open-dm', nick: 'carol' });
    expect(state.active).toBe('@carol');
    // Its earlier messages are fetched as soon as it is shown.
    expect(state.targets.get('@carol')).toMatchObject({ hasOlder: true, entries: [] });
    state = chatReducer(state, { type: 'close', target: '@carol' });
    expect(state.active).toBe('dev');
    expect(state.order).toEqual(['dev']);
  });
});

describe('members and presence', () => {
  it('keeps the member list current', () => {
    const presence = (event: 'join' | 'leave' | 'rename' | 'away' | 'back', nick: string, from?: string) =>
      server({ type: 'presence', room: 'dev', event, nick, ...(from ? { from } : {}), status: 'lunch' });
    let state = run(inDev(), presence('join', 'bob'), presence('away', 'bob'));
    expect(activeTarget(state)?.members).toEqual([
      { nick: 'alice', away: false },
      { nick: 'bob', away: true, status: 'lunch' },
    ]);
    state = run(state, presence('back', 'bob'), presence('rename', 'robert', 'bob'));
    expect(activeTarget(state)?.members.map((m) => m.nick)).toEqual(['alice', 'robert']);
    state = chatReducer(state, presence('leave', 'robert'));
    expect(activeTarget(state)?.members.map((m) => m.nick)).toEqual(['alice']);
  });

  it('takes a coalesced join or leave for everyone it names', () => {
    const coalesced = (event: 'join' | 'leave', ...nicks: string[]) =>
      server({
        type: 'presence',
        room: 'dev',
        event,
        nick: nicks[0]!,
        people: nicks.map((nick) => ({ nick, ...(nick === 'carol' ? { account: true } : {}) })),
      });
    let state = run(inDev(), coalesced('join', 'bob', 'carol', 'dave'));
    expect(activeTarget(state)?.members).toEqual([
      { nick: 'alice', away: false },
      { nick: 'bob', away: false },
      { nick: 'carol', account: true, away: false },
      { nick: 'dave', away: false },
    ]);
    state = chatReducer(state, coalesced('leave', 'bob', 'dave'));
    expect(activeTarget(state)?.members.map((m) => m.nick)).toEqual(['alice', 'carol']);
  });

  it('lists members in the conversation when /who asked', () => {
    const members = [
      { nick: 'alice', away: false },
      { nick: 'bob', away: true },
    ];
    const state = chatReducer(
      inDev(),
      server({ type: 'members', room: 'dev', members, ref: COMMAND_REFS.who }),
    );
    expect(texts(state).at(-1)).toBe('[Members of #dev: alice, bob (away)]');
  });

  it('shows who is typing until the indicator expires', () => {
    let state = chatReducer(inDev(), server({ type: 'typing', room: 'dev', nick: 'bob', active: true }));
    expect(activeTarget(state)?.typing).toEqual(new Map([['bob', NOW + 6000]]));
    expect(chatReducer(state, { type: 'tick', now: NOW + 1000 })).toBe(state);
    state = chatReducer(state, { type: 'tick', now: NOW + 6000 });
    expect(activeTarget(state)?.typing.size).toBe(0);
  });

  it('follows its own rename', () => {
    const state = chatReducer(inDev(), server({ type: 'nick', nick: 'alicia', from: 'alice' }));
    expect(state).toMatchObject({ me: 'alicia', wanted: { nick: 'alicia' } });
  });
});

describe('leaving', () => {
  it('removes a room the server says we left and drops its unsent messages', () => {
    let state = run(inDev(), server(joined('ops')), { type: 'open', target: 'ops' });
    state = run(
      state,
      { type: 'send', cid: 'c9', target: 'ops', kind: 'chat', text: 'bye', now: NOW },
      server({ type: 'left', room: 'ops' }),
    );
    expect(state.order).toEqual(['dev']);
    expect(state.active).toBe('dev');
    expect(state.pending).toEqual([]);
  });

  it('returns to the join screen on /quit, remembering the name and room', () => {
    const state = chatReducer(inDev(), { type: 'quit' });
    expect(state).toMatchObject({ screen: 'join', wanted: { nick: 'alice', rooms: ['dev'] }, order: [] });
  });
});

describe('clearing', () => {
  it('empties the window and keeps older messages hidden', () => {
    const state = chatReducer(inDev(), { type: 'clear', target: 'dev' });
    expect(activeTarget(state)).toMatchObject({ entries: [], hasOlder: false, cleared: true, cursor: 2 });
    expect(texts(chatReducer(state, server(chat(3, 'bob', 'after'))))).toEqual(['after']);
  });
});

describe('errors', () => {
  it('shows an error that answers no message in the conversation on screen', () => {
    const state = chatReducer(
      inDev(),
      server({ type: 'error', code: 'not_in_room', message: 'You are not in #x.' }),
    );
    expect(texts(state).at(-1)).toBe('[You are not in #x.]');
  });
});

describe('ignoring people', () => {
  const prefs = (ignored: string[]): ServerMessage => ({
    type: 'prefs',
    levels: [],
    mutes: [],
    keywords: [],
    ignored,
  });
  const rows = (state: ChatState, key = state.active) =>
    timelineRows(state.targets.get(key ?? '')?.entries ?? [], [], {
      label: () => 'Today',
      differ: () => false,
    })
      .filter((row) => row.kind !== 'day')
      .map((row) => (row.kind === 'message' ? row.message.text : row.kind));

  it('shows no message or typing of an ignored person, in any spelling, and counts nothing', () => {
    const state = run(
      inDev(),
      server(prefs(['BOB'])),
      { type: 'visibility', visible: false },
      server(chat(3, 'Bob', 'alice: you there?')),
      server({ type: 'typing', room: 'dev', nick: 'bob', active: true }),
      server(chat(4, 'carol', 'hi all')),
      server(chat(1, 'bob', 'bob is a guest', { to: 'alice', kind: 'system' })),
      server(chat(2, 'bob', 'psst', { to: 'alice' })),
    );
    expect(rows(state)).toEqual(['hello', 'hi all']);
    expect(state.targets.get('dev')).toMatchObject({ unread: 1, mentions: 0 });
    expect(state.targets.get('dev')?.typing.size).toBe(0);
    expect(state.targets.has('@bob')).toBe(false);
  });

  it('shows their messages again once the account stops ignoring them, without a gap', () => {
    const ignoring = run(inDev(), server(prefs(['bob'])), server(chat(3, 'carol', 'after')));
    expect(rows(ignoring)).toEqual(['hello', 'after']);
    expect(rows(run(ignoring, server(prefs([]))))).toEqual(['hi', 'hello', 'after']);
  });
});
