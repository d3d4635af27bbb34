import type { NotifyPrefs, ServerMessage } from 'aurora-protocol';
import { chat, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, type ChatState, chatReducer, initialChatState } from './chat-state.js';
import { parseInput } from './commands.js';
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

describe('preference commands', () => {
  const plan = (state: ChatState, line: string) => {
    const parsed = parseInput(line);
    if (!parsed.ok) throw new Error(parsed.message);
    const { command } = parsed;
    if (!['notify', 'mute', 'unmute', 'highlight'].includes(command.type)) throw new Error(line);
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
      '/mute soon',
      '/mute 0m',
      '/mute 400d',
      '/highlight add',
      '/highlight add two words',
      '/unmute now',
    ])
      expect(parseInput(bad)).toMatchObject({ ok: false, code: 'bad_argument' });
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
