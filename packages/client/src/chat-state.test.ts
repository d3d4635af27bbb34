import type { ServerMessage } from 'aurora-protocol';
import { ack, chat, error, joined, members, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, type ChatState, chatReducer, HOME, initialChatState } from './chat-state.js';
import type { ConnectionEvent, Outgoing } from './connection-types.js';

const NOW = Date.UTC(2026, 2, 3, 13, 0, 0);
const server = (message: ServerMessage): ChatAction => ({
  type: 'connection',
  event: { type: 'server', message },
  now: NOW,
});
const event = (e: ConnectionEvent, now = NOW): ChatAction => ({ type: 'connection', event: e, now });
const run = (...actions: ChatAction[]) => actions.reduce(chatReducer, initialChatState('alice'));
const texts = (state: ChatState, target = state.current) =>
  state.targets[target]!.items.toArray().map((item) =>
    item.kind === 'message'
      ? `${item.message.seq}:${item.message.text}`
      : item.kind === 'gap'
        ? 'gap'
        : `notice:${item.text}`,
  );
const online = [
  event({ type: 'status', status: { state: 'online', nick: 'alice', server: 'aurora-server' } }),
  server(welcome('alice')),
];
const outgoing = (cid: string, text: string, target = 'dev'): Outgoing => ({
  cid,
  kind: 'say',
  target,
  text,
  createdAt: NOW,
});

describe('chatReducer', () => {
  it('opens a joined room with its history, topic and members, and selects it', () => {
    const state = run(
      ...online,
      server(
        joined('dev', {
          topic: 'ship it',
          members: members('bob', 'alice'),
          history: [chat(1, 'bob', 'hi')],
        }),
      ),
    );
    expect(state.current).toBe('dev');
    expect(state.order).toEqual([HOME, 'dev']);
    expect(state.targets.dev).toMatchObject({ topic: 'ship it', kind: 'room' });
    expect(state.targets.dev!.members.map((m) => m.nick)).toEqual(['alice', 'bob']);
    expect(texts(state)).toEqual(['1:hi']);
  });

  it('shows a replayed message once even when it arrives twice', () => {
    const state = run(
      ...online,
      server(joined('dev', { history: [chat(1, 'bob', 'one')] })),
      server(chat(2, 'bob', 'two')),
      server(joined('dev', { seq: 2 })),
      server(chat(2, 'bob', 'two')),
      server(chat(3, 'bob', 'three')),
    );
    expect(texts(state)).toEqual(['1:one', '2:two', '3:three']);
  });

  it('counts unread messages and mentions in rooms that are not shown, and resets them on select', () => {
    let state = run(...online, server(joined('dev')), server(joined('ops')));
    expect(state.current).toBe('dev');
    state = [
      server(chat(1, 'bob', 'deploying', { room: 'ops' })),
      server(chat(2, 'bob', 'alice: can you look?', { room: 'ops' })),
      server(chat(1, 'bob', 'here', { room: 'dev' })),
    ].reduce(chatReducer, state);
    expect(state.targets.ops).toMatchObject({ unread: 2, mentions: 1 });
    expect(state.targets.dev).toMatchObject({ unread: 0, mentions: 0 });
    expect(state.alerts).toEqual({ mentions: 1, messages: 3 });
    state = chatReducer(state, { type: 'select-relative', delta: 1 });
    expect(state.current).toBe('ops');
    expect(state.targets.ops).toMatchObject({ unread: 0, mentions: 0 });
  });

  it('marks own messages and never counts them as unread or alerts', () => {
    const state = run(
      ...online,
      server(joined('dev')),
      server(joined('ops')),
      server(chat(1, 'Alice', 'me, in ops', { room: 'ops' })),
    );
    const item = state.targets.ops!.items.get(0);
    expect(item.kind === 'message' && item.mine).toBe(true);
    expect(state.targets.ops!.unread).toBe(0);
    expect(state.alerts.messages).toBe(0);
  });

  it('never takes a webhook posting under my name for my own message', () => {
    const state = run(
      ...online,
      server(joined('dev')),
      server(joined('ops')),
      server(chat(1, 'alice', 'build 412 passed', { room: 'ops', bot: true })),
    );
    const item = state.targets.ops!.items.get(0);
    expect(item.kind === 'message' && item.mine).toBe(false);
    expect(state.targets.ops!.unread).toBe(1);
  });

  it('shows a sent message as pending until the server echoes it', () => {
    let state = run(...online, server(joined('dev')), { type: 'sent', outgoing: outgoing('c1', 'hello') });
    expect(state.targets.dev!.pending.map((p) => p.outgoing.text)).toEqual(['hello']);
    state = chatReducer(state, server(chat(1, 'alice', 'hello', { cid: 'c1' })));
    state = chatReducer(state, server(ack('c1', 1)));
    expect(state.targets.dev!.pending).toEqual([]);
    expect(texts(state)).toEqual(['1:hello']);
  });

  it('turns an ack that comes before the echo into the message, without a duplicate', () => {
    let state = run(...online, server(joined('dev')), { type: 'sent', outgoing: outgoing('c1', 'hello') });
    state = chatReducer(state, server(ack('c1', 1)));
    expect(state.targets.dev!.pending).toEqual([]);
    expect(texts(state)).toEqual(['1:hello']);
    state = chatReducer(state, server(chat(1, 'alice', 'hello', { cid: 'c1', id: 'm_dev_1' })));
    expect(texts(state)).toEqual(['1:hello']);
  });

  it('keeps a refused message visible as failed, with the reason', () => {
    let state = run(...online, server(joined('dev')), { type: 'sent', outgoing: outgoing('c1', 'x') });
    state = chatReducer(
      state,
      event({ type: 'send-failed', cid: 'c1', code: 'not_in_room', message: 'join first' }),
    );
    expect(state.targets.dev!.pending).toMatchObject([{ state: 'failed', note: 'join first' }]);
    state = chatReducer(
      state,
      event({
        type: 'send-delayed',
        cid: 'c1',
        code: 'rate_limited',
        message: 'slow down',
        retryAt: NOW + 1500,
      }),
    );
    expect(state.targets.dev!.pending).toMatchObject([
      { state: 'delayed', note: 'slow down; retrying in 2 s' },
    ]);
  });

  it('puts older history before what is loaded and remembers whether more exists', () => {
    let state = run(
      ...online,
      server(joined('dev', { history: [chat(51, 'bob', 'x'), chat(52, 'bob', 'y')], more: true })),
    );
    state = chatReducer(state, { type: 'older-requested', target: 'dev' });
    expect(state.targets.dev!.loadingOlder).toBe(true);
    state = chatReducer(
      state,
      server({
        type: 'history',
        target: 'dev',
        messages: [chat(49, 'bob', 'v'), chat(50, 'bob', 'w')],
        more: false,
      }),
    );
    expect(texts(state)).toEqual(['49:v', '50:w', '51:x', '52:y']);
    expect(state.targets.dev).toMatchObject({ more: false, loadingOlder: false });
  });

  it('marks a gap when a resume could not replay everything', () => {
    let state = run(
      ...online,
      server(joined('dev', { history: [chat(1, 'bob', 'a'), chat(2, 'bob', 'b')] })),
    );
    state = chatReducer(state, server(joined('dev', { history: [chat(900, 'bob', 'late')], seq: 900 })));
    expect(texts(state)).toEqual(['1:a', '2:b', 'gap', '900:late']);
  });

  it('starts afresh when the server lost the room history (seqs start again)', () => {
    let state = run(
      ...online,
      server(joined('dev', { history: [chat(1, 'bob', 'a'), chat(2, 'bob', 'b')] })),
    );
    state = chatReducer(state, server(chat(1, 'carol', 'new epoch', { id: 'other' })));
    expect(texts(state)).toEqual([
      '1:new epoch',
      'notice:The server no longer has the earlier messages here.',
    ]);
  });

  it('starts afresh when a restarted server without storage joins the room empty', () => {
    let state = run(
      ...online,
      server(joined('dev', { history: [chat(1, 'bob', 'a'), chat(2, 'bob', 'b')] })),
    );
    state = chatReducer(state, server(joined('dev', { seq: 0 })));
    state = chatReducer(state, server(chat(1, 'carol', 'first after the restart', { id: 'fresh' })));
    expect(texts(state)).toEqual([
      'notice:The server no longer has the earlier messages of this room.',
      '1:first after the restart',
    ]);
  });

  it('takes a new topic from the notice that announces it', () => {
    const state = run(
      ...online,
      server(joined('dev', { topic: 'old' })),
      server(
        chat(1, 'bob', 'x', { kind: 'system', event: { kind: 'topic', nick: 'bob', topic: 'ship it' } }),
      ),
    );
    expect(state.targets.dev!.topic).toBe('ship it');
  });

  it('keeps the member list current from presence', () => {
    const state = run(
      ...online,
      server(joined('dev', { members: members('alice', 'bob') })),
      server({ type: 'presence', room: 'dev', event: 'join', nick: 'carol' }),
      server({ type: 'presence', room: 'dev', event: 'rename', nick: 'bobby', from: 'bob' }),
      server({ type: 'presence', room: 'dev', event: 'away', nick: 'carol', status: 'lunch' }),
      server({ type: 'presence', room: 'dev', event: 'join', nick: 'dave' }),
      server({ type: 'presence', room: 'dev', event: 'leave', nick: 'dave' }),
    );
    expect(state.targets.dev!.members).toEqual([
      { nick: 'alice', away: false },
      { nick: 'bobby', away: false },
      { nick: 'carol', away: true, status: 'lunch' },
    ]);
  });

  it('takes a coalesced join or leave for everyone it names, and only counts in a big room', () => {
    const state = run(
      ...online,
      server(joined('dev', { members: members('alice') })),
      server({
        type: 'presence',
        room: 'dev',
        event: 'join',
        nick: 'bob',
        people: [{ nick: 'bob' }, { nick: 'carol', account: true }, { nick: 'dave' }],
        members: 4,
      }),
      server({
        type: 'presence',
        room: 'dev',
        event: 'leave',
        nick: 'bob',
        people: [{ nick: 'bob' }, { nick: 'dave' }],
        members: 2,
      }),
      server(joined('hall', { members: [], memberCount: 2000 })),
      server({ type: 'presence', room: 'hall', event: 'join', nick: 'u1', members: 2400 }),
    );
    expect(state.targets.dev!.members).toEqual([
      { nick: 'alice', away: false },
      { nick: 'carol', account: true, away: false },
    ]);
    expect(state.targets.hall!.members).toEqual([]);
    expect(state.targets.hall!.memberCount).toBe(2400);
  });

  it('tracks who is typing until they send, stop, or the indicator expires', () => {
    let state = run(
      ...online,
      server(joined('dev')),
      server({ type: 'typing', room: 'dev', nick: 'bob', active: true }),
      server({ type: 'typing', room: 'dev', nick: 'carol', active: true }),
      server({ type: 'typing', room: 'dev', nick: 'alice', active: true }),
    );
    expect(Object.values(state.targets.dev!.typing).map((t) => t.nick)).toEqual(['bob', 'carol']);
    state = chatReducer(state, server(chat(1, 'bob', 'done')));
    expect(Object.values(state.targets.dev!.typing).map((t) => t.nick)).toEqual(['carol']);
    state = chatReducer(state, { type: 'tick', now: NOW + 6001 });
    expect(state.targets.dev!.typing).toEqual({});
  });

  it('tracks people called __proto__ or constructor typing like anyone else', () => {
    let state = run(
      ...online,
      server(joined('dev')),
      server({ type: 'typing', room: 'dev', nick: '__proto__', active: true }),
      server({ type: 'typing', room: 'dev', nick: 'constructor', active: true }),
    );
    const typists = () => Object.values(state.targets.dev!.typing).map((t) => t.nick);
    expect(typists()).toEqual(['__proto__', 'constructor']);
    state = chatReducer(state, server(chat(1, '__proto__', 'done')));
    expect(typists()).toEqual(['constructor']);
    state = chatReducer(
      state,
      server({ type: 'presence', room: 'dev', event: 'leave', nick: 'constructor' }),
    );
    expect(typists()).toEqual([]);
  });

  it('keeps a bounded number of typing indicators however many the server announces', () => {
    let state = run(...online, server(joined('dev')));
    for (let i = 0; i < 1000; i++)
      state = chatReducer(state, server({ type: 'typing', room: 'dev', nick: `t${i}`, active: true }));
    const typists = Object.values(state.targets.dev!.typing).map((t) => t.nick);
    expect(typists).toEqual(Array.from({ length: 20 }, (_, i) => `t${i}`));
    // One who is already typing renews it; one who stops makes room.
    state = chatReducer(state, server({ type: 'typing', room: 'dev', nick: 't0', active: false }));
    state = chatReducer(state, server({ type: 'typing', room: 'dev', nick: 'new', active: true }));
    expect(Object.keys(state.targets.dev!.typing)).toContain('new');
  });

  it.each(['constructor', 'hasownproperty', 'tostring', 'valueof'])(
    'opens, counts and closes a room called %s',
    (room) => {
      let state = run(...online, server(joined('dev')), server(joined(room)));
      expect(state.order).toEqual([HOME, 'dev', room]);
      state = chatReducer(state, { type: 'select', target: 'dev' });
      state = chatReducer(state, server(chat(1, 'bob', 'alice: look', { room })));
      expect(state.targets[room]).toMatchObject({ key: room, unread: 1, mentions: 1 });
      state = chatReducer(state, { type: 'leave-requested', room, now: NOW });
      state = chatReducer(state, server({ type: 'left', room }));
      expect(state.order).toEqual([HOME, 'dev']);
      expect(state.targets[room]).toBeUndefined();
    },
  );

  it('puts direct messages in one conversation per person, whoever sent them', () => {
    let state = run(...online, server(joined('dev')));
    state = chatReducer(state, server(chat(1, 'Bob', 'psst', { to: 'alice' })));
    state = chatReducer(state, server(chat(2, 'alice', 'yes?', { to: 'BOB' })));
    expect(state.order).toEqual([HOME, 'dev', '@bob']);
    expect(state.targets['@bob']).toMatchObject({ label: 'Bob', kind: 'dm', unread: 1, mentions: 1 });
    expect(texts(state, '@bob')).toEqual(['1:psst', '2:yes?']);
    expect(state.alerts.mentions).toBe(1);
  });

  it('cycles through rooms without stopping at an empty home window', () => {
    let state = run(...online, server(joined('dev')), server(joined('ops')));
    state = chatReducer(state, { type: 'select-relative', delta: -1 });
    expect(state.current).toBe('ops');
    state = chatReducer(state, { type: 'select-relative', delta: 1 });
    expect(state.current).toBe('dev');
  });

  it('leaves a room and shows its neighbour', () => {
    const state = run(
      ...online,
      server(joined('dev')),
      server(joined('ops')),
      { type: 'select', target: 'ops' },
      { type: 'leave-requested', room: 'ops', now: 0 },
      server({ type: 'left', room: 'ops' }),
    );
    expect(state.order).toEqual([HOME, 'dev']);
    expect(state.current).toBe('dev');
  });

  it('keeps a room joined again before the server confirmed leaving it', () => {
    let state = run(...online, server(joined('dev')), server(joined('ops')), {
      type: 'select',
      target: 'ops',
    });
    const actions: ChatAction[] = [
      { type: 'leave-requested', room: 'ops', now: 0 },
      { type: 'join-requested', rooms: ['ops'] },
      server({ type: 'left', room: 'ops' }),
    ];
    state = actions.reduce(chatReducer, state);
    expect(state.order).toEqual([HOME, 'dev', 'ops']);
    expect(state.current).toBe('ops');
  });

  it('shows a room joined by command as soon as the server confirms it', () => {
    let state = run(...online, server(joined('dev')), { type: 'join-requested', rooms: ['ops'] });
    expect(state.current).toBe('dev');
    state = chatReducer(state, server(joined('ops')));
    expect(state.current).toBe('ops');
  });

  it('tells the user how to pick another name when the server refuses theirs', () => {
    const state = run(
      event({
        type: 'status',
        status: { state: 'refused', code: 'name_taken', message: 'the name alice is taken' },
      }),
    );
    expect(texts(state, HOME)).toEqual([
      'notice:the name alice is taken — choose another name with /nick NAME',
    ]);
  });

  it('shows server errors with their code in the room they are about', () => {
    const state = run(
      ...online,
      server(joined('dev')),
      server(joined('ops')),
      server(error('not_in_room', 'not in ops', { room: 'ops' })),
    );
    expect(texts(state, 'ops')).toEqual(['notice:not in ops (not_in_room)']);
  });

  it('clears a transcript without losing the room', () => {
    const state = run(...online, server(joined('dev', { history: [chat(1, 'bob', 'a')], more: true })), {
      type: 'clear',
      target: 'dev',
    });
    expect(state.targets.dev).toMatchObject({ more: false });
    expect(state.targets.dev!.items.length).toBe(0);
  });
});
