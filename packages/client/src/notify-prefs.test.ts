import type { NotifyPrefs, ServerMessage } from 'aurora-protocol';
import { chat, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, type ChatState, chatReducer, initialChatState } from './chat-state.js';
import { parseInput } from './commands.js';
import { hiddenByIgnore } from './notify-prefs.js';
import { planPrefsCommand } from './prefs-command.js';

const NOW = Date.UTC(2026, 2, 3, 13, 0, 0);
const at = (now: number, message: ServerMessage): ChatAction => ({
  type: 'connection',
  event: { type: 'server', message },
  now,
});
const server = (message: ServerMessage) => at(NOW, message);
const prefsFrame = (prefs: Partial<NotifyPrefs>): ServerMessage => ({
  type: 'prefs',
  levels: [],
  mutes: [],
  keywords: [],
  ignored: [],
  ...prefs,
});
/** alice in #dev (on screen) and #ops, with these preferences. */
const start = (prefs: Partial<NotifyPrefs>, ...actions: ChatAction[]): ChatState =>
  [
    server(welcome('alice')),
    server(prefsFrame(prefs)),
    server(joined('dev')),
    server(joined('ops')),
    { type: 'select', target: 'dev' } as const,
    ...actions,
  ].reduce(chatReducer, initialChatState('alice'));

describe('notification preferences in the chat state', () => {
  it('counts a muted room unread, but never marks it with ! or rings', () => {
    const state = start(
      { mutes: [{ target: 'ops' }] },
      server(chat(1, 'bob', 'alice: look', { room: 'ops' })),
      server(chat(2, 'bob', 'anyone?', { room: 'ops' })),
    );
    expect(state.targets.ops).toMatchObject({ unread: 2, mentions: 0 });
    expect(state.alerts).toEqual({ mentions: 0, messages: 0 });
  });

  it('highlights again once a timed mute ends', () => {
    const state = start(
      { mutes: [{ target: 'ops', until: NOW + 60_000 }] },
      at(NOW + 60_000, chat(1, 'bob', 'alice: back?', { room: 'ops' })),
    );
    expect(state.targets.ops).toMatchObject({ unread: 1, mentions: 1 });
    expect(state.alerts).toEqual({ mentions: 1, messages: 1 });
  });

  it('takes down the ! of a room as it is muted, keeping its unread count', () => {
    const marked = start({}, server(chat(1, 'bob', 'alice: look', { room: 'ops' })));
    expect(marked.targets.ops).toMatchObject({ unread: 1, mentions: 1 });
    const muted = chatReducer(marked, server(prefsFrame({ mutes: [{ target: 'ops' }] })));
    expect(muted.targets.ops).toMatchObject({ unread: 1, mentions: 0 });
  });

  it('counts a keyword as a mention: the mark on the line, the ! and the bell', () => {
    const state = start(
      { keywords: ['deploy'] },
      server(chat(1, 'bob', 'the DEPLOY is done', { room: 'ops' })),
    );
    const item = state.targets.ops!.items.toArray().find((i) => i.kind === 'message');
    expect(item?.kind === 'message' && item.mention).toBe(true);
    expect(state.targets.ops).toMatchObject({ mentions: 1 });
    expect(state.alerts.mentions).toBe(1);
  });

  it('calls for every message in a room at all, and for none in a room at none (which keeps its !)', () => {
    const all = start(
      { levels: [{ target: 'ops', level: 'all' }] },
      server(chat(1, 'bob', 'anyone?', { room: 'ops' })),
    );
    expect(all.alerts).toEqual({ mentions: 1, messages: 1 });
    const none = start(
      { levels: [{ target: 'ops', level: 'none' }] },
      server(chat(1, 'bob', 'alice: look', { room: 'ops' })),
    );
    expect(none.alerts).toEqual({ mentions: 0, messages: 0 });
    expect(none.targets.ops).toMatchObject({ unread: 1, mentions: 1 });
  });

  it('mutes a conversation too: a direct message then neither marks nor rings', () => {
    const state = start({ mutes: [{ target: '@bob' }] }, server(chat(1, 'Bob', 'psst', { to: 'alice' })));
    expect(state.targets['@bob']).toMatchObject({ unread: 1, mentions: 0 });
    expect(state.alerts).toEqual({ mentions: 0, messages: 0 });
  });

  it('forgets an account’s preferences when it logs out', () => {
    const state = chatReducer(start({ keywords: ['deploy'] }), {
      type: 'connection',
      event: { type: 'status', status: { state: 'logged-out', elsewhere: false } },
      now: NOW,
    });
    expect(state.prefs.keywords).toEqual([]);
  });
});

describe('ignored people in the chat state', () => {
  const typing = (nick: string, room = 'ops'): ServerMessage => ({
    type: 'typing',
    room,
    nick,
    active: true,
  });
  const shown = (state: ChatState, key: string) =>
    [...state.targets[key]!.items]
      .filter((item) => !hiddenByIgnore(state.prefs, item))
      .map((item) => (item.kind === 'message' ? item.message.text : item.kind));

  it('hides their messages and typing in every spelling of the name, counting and ringing nothing', () => {
    const state = start(
      { ignored: ['Bob'], levels: [{ target: 'ops', level: 'all' }] },
      server(chat(1, 'BOB', 'alice: look at me', { room: 'ops' })),
      server(chat(2, 'carol', 'hello', { room: 'ops' })),
      server(chat(3, 'Воb', 'alice!', { room: 'ops' })),
      server(typing('bob')),
      server(typing('carol')),
    );
    expect(shown(state, 'ops')).toEqual(['hello']);
    expect(state.targets.ops).toMatchObject({ unread: 1, mentions: 0 });
    // #ops is at `all`: carol's one message calls and rings, bob's two do nothing.
    expect(state.alerts).toEqual({ mentions: 1, messages: 1 });
    expect(Object.values(state.targets.ops!.typing).map((t) => t.nick)).toEqual(['carol']);
  });

  it('opens no conversation for their direct messages, and hides those of one already open', () => {
    const opened = start({}, server(chat(1, 'bob', 'hi', { to: 'alice' })));
    const ignoring = chatReducer(opened, server(prefsFrame({ ignored: ['bob'] })));
    const next = chatReducer(ignoring, server(chat(2, 'bob', 'answer me', { to: 'alice' })));
    expect(shown(next, '@bob')).toEqual([]);
    expect(next.targets['@bob']).toMatchObject({ unread: 1, mentions: 1 });
    expect(next.alerts).toEqual(opened.alerts);
    const fresh = start(
      { ignored: ['dave'] },
      server(chat(1, 'dave', 'dave is a guest', { to: 'alice', kind: 'system' })),
      server(chat(2, 'dave', 'psst', { to: 'alice' })),
    );
    expect(fresh.targets['@dave']).toBeUndefined();
    expect(fresh.alerts).toEqual({ mentions: 0, messages: 0 });
  });

  it('keeps notices about them and shows their messages again after /unignore', () => {
    const notice = chat(2, 'bob', 'bob joined', { room: 'ops', kind: 'system' });
    const state = start({ ignored: ['bob'] }, server(chat(1, 'bob', 'hi', { room: 'ops' })), server(notice));
    expect(shown(state, 'ops')).toEqual(['bob joined']);
    const back = chatReducer(state, server(prefsFrame({})));
    expect(shown(back, 'ops')).toEqual(['hi', 'bob joined']);
  });

  it('stops showing someone typing as soon as they are ignored', () => {
    const state = start({}, server(typing('bob')));
    const next = chatReducer(state, server(prefsFrame({ ignored: ['bob'] })));
    expect(next.targets.ops!.typing).toEqual({});
  });

  it('leaves them out of the digest, whatever the server sent', () => {
    const state = start(
      { ignored: ['bob'] },
      server({
        type: 'digest',
        mentions: [chat(1, 'bob', 'alice?', { room: 'ops' }), chat(2, 'carol', 'alice!', { room: 'ops' })],
        direct: [chat(1, 'bob', 'psst', { to: 'alice' })],
        truncated: false,
      }),
    );
    expect(state.digest?.mentions.map((m) => m.from)).toEqual(['carol']);
    expect(state.digest?.direct).toEqual([]);
    expect(state.targets['@bob']).toBeUndefined();
  });
});

describe('preference commands', () => {
  const plan = (state: ChatState, line: string) => {
    const parsed = parseInput(line);
    if (!parsed.ok) throw new Error(parsed.message);
    const { command } = parsed;
    if (!['notify', 'mute', 'unmute', 'highlight', 'ignore'].includes(command.type)) throw new Error(line);
    return planPrefsCommand(state, command as Parameters<typeof planPrefsCommand>[1], NOW);
  };

  it('parses levels, durations and keywords, refusing the rest with a usage line', () => {
    expect(parseInput('/notify ALL')).toEqual({ ok: true, command: { type: 'notify', level: 'all' } });
    expect(parseInput('/notify')).toEqual({ ok: true, command: { type: 'notify' } });
    expect(parseInput('/mute 1h30m')).toEqual({ ok: true, command: { type: 'mute', forMs: 90 * 60_000 } });
    expect(parseInput('/mute 2d')).toEqual({ ok: true, command: { type: 'mute', forMs: 2 * 86_400_000 } });
    expect(parseInput('/mute')).toEqual({ ok: true, command: { type: 'mute' } });
    expect(parseInput('/highlight add deploy')).toEqual({
      ok: true,
      command: { type: 'highlight', op: 'add', word: 'deploy' },
    });
    for (const bad of [
      '/notify loud',
      '/mute 0m',
      '/mute 400d',
      '/highlight add',
      '/highlight add two words',
      '/unmute now please',
    ])
      expect(parseInput(bad)).toMatchObject({ ok: false, code: 'bad_argument' });
  });

  it('parses /ignore, /unignore and /ignored, and plans them anywhere, refusing yourself', () => {
    expect(parseInput('/ignore @Bob')).toEqual({
      ok: true,
      command: { type: 'ignore', op: 'add', name: '@Bob' },
    });
    expect(parseInput('/unignore bob')).toEqual({
      ok: true,
      command: { type: 'ignore', op: 'remove', name: 'bob' },
    });
    expect(parseInput('/ignored')).toEqual({ ok: true, command: { type: 'ignore' } });
    for (const bad of ['/ignore', '/ignore a b', '/ignored bob'])
      expect(parseInput(bad)).toMatchObject({ ok: false, code: 'bad_argument' });

    const state = start({});
    const ignore = plan({ ...state, current: '*' }, '/ignore @Bob');
    expect(ignore).toMatchObject({ kind: 'change', change: { type: 'ignore', op: 'add', name: '@Bob' } });
    expect(ignore.kind === 'change' && ignore.prefs.ignored).toEqual(['Bob']);
    expect(ignore.kind === 'change' && ignore.text).toMatch(/^Ignoring @Bob: /);
    expect(plan(state, '/ignore ALICE')).toMatchObject({ kind: 'refused', code: 'name_invalid' });
    expect(plan(state, '/ignore b@d')).toMatchObject({ kind: 'refused', code: 'name_invalid' });
    expect(plan(start({ ignored: ['bob'] }), '/ignored')).toEqual({
      kind: 'show',
      text: 'You ignore (1 of 100): bob. /unignore NAME stops.',
    });
    expect(plan(state, '/ignored')).toMatchObject({
      kind: 'show',
      text: expect.stringMatching(/^You ignore nobody/),
    });
  });

  it('plans a change for the room on screen, with the sentence of where it now stands', () => {
    const state = start({});
    const muted = plan(state, '/mute 30m');
    expect(muted).toMatchObject({
      kind: 'change',
      change: { type: 'mute', target: 'dev', forMs: 30 * 60_000 },
    });
    expect(muted.kind === 'change' && muted.prefs.mutes).toEqual([
      { target: 'dev', until: NOW + 30 * 60_000 },
    ]);
    expect(muted.kind === 'change' && muted.text).toMatch(/^#dev is muted for 30 minutes more/);
    expect(plan(state, '/notify all')).toMatchObject({
      kind: 'change',
      text: '#dev: you are told of every message.',
    });
    expect(plan(state, '/highlight')).toMatchObject({ kind: 'show', text: /No highlight keywords/ });
  });

  it('refuses here what the server would refuse, with its code', () => {
    const state = start({});
    expect(plan(state, '/highlight add semi;colon')).toMatchObject({
      kind: 'refused',
      code: 'keyword_invalid',
    });
    const home = chatReducer(state, { type: 'select', target: '*' });
    expect(plan(home, '/mute')).toMatchObject({ kind: 'refused', code: 'no_target' });
  });
});
