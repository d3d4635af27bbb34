import type { ServerMessage } from 'aurora-protocol';
import { chat, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, chatReducer } from './chat-reducer.js';
import { activeTarget, type ChatState, initialState } from './chat-state.js';
import { MAX_ENTRIES, MAX_TARGET_TEXT, MAX_TARGETS } from './state-updates.js';
import { MAX_MESSAGE_TEXT, MAX_NOTICE_TEXT } from './timeline.js';

// A server that sends megabytes of text must not take the page's memory with it.

const run = (state: ChatState, ...actions: ChatAction[]) => actions.reduce(chatReducer, state);
const server = (message: ServerMessage): ChatAction => ({ type: 'server', message, now: 1 });

function inDev(): ChatState {
  return run(
    initialState(),
    { type: 'join-requested', nick: 'alice', room: 'dev' },
    server(welcome('alice')),
    server(joined('dev', { history: [chat(1, 'bob', 'x'.repeat(3 * 1024 * 1024))] })),
  );
}

const shownTexts = (state: ChatState) =>
  (activeTarget(state)?.entries ?? []).flatMap((e) => (e.type === 'message' ? [e.message.text] : []));

describe('transcript bounds', () => {
  it('cuts a huge message and says so, without splitting a character', () => {
    const emoji = '😀'.repeat(MAX_MESSAGE_TEXT);
    const state = run(inDev(), server(chat(2, 'bob', emoji)));
    const [first, second] = shownTexts(state);
    expect(first).toHaveLength(MAX_MESSAGE_TEXT);
    expect(first?.endsWith('…')).toBe(true);
    expect(second?.length).toBeLessThanOrEqual(MAX_MESSAGE_TEXT);
    expect(second?.endsWith('😀…')).toBe(true);
  });

  it('keeps the newest messages within a bounded total when long ones flood in', () => {
    let state = inDev();
    for (let seq = 2; seq <= 200; seq++)
      state = run(state, server(chat(seq, 'bob', `${seq} ${'y'.repeat(1 << 20)}`)));
    const texts = shownTexts(state);
    const total = texts.reduce((sum, text) => sum + text.length, 0);
    expect(total).toBeLessThanOrEqual(MAX_TARGET_TEXT);
    expect(texts.at(-1)?.startsWith('200 ')).toBe(true);
    expect(activeTarget(state)?.hasOlder).toBe(true);
  });
});

describe('notices from the server', () => {
  it('keep a conversation bounded when errors flood in, each cut to a bounded length', () => {
    let state = inDev();
    const flood = (n: number): ChatAction =>
      server({ type: 'error', code: 'internal', message: `${n} ${'z'.repeat(200_000)}` });
    for (let n = 0; n < 100; n++) state = run(state, flood(n));
    const notices = (activeTarget(state)?.entries ?? []).flatMap((e) =>
      e.type === 'notice' ? [e.text] : [],
    );
    expect(notices.every((text) => text.length <= MAX_NOTICE_TEXT)).toBe(true);
    expect(notices.reduce((sum, text) => sum + text.length, 0)).toBeLessThanOrEqual(MAX_TARGET_TEXT);
    expect(notices.at(-1)?.startsWith('99 ')).toBe(true);
    for (let n = 0; n < MAX_ENTRIES + 10; n++)
      state = run(state, server({ type: 'error', code: 'internal', message: `short ${n}` }));
    expect(activeTarget(state)?.entries.length).toBeLessThanOrEqual(MAX_ENTRIES);
  });
});

describe('conversations a server opens', () => {
  const dm = (seq: number, from: string) =>
    server(chat(seq, from, `hi from ${from}`, { kind: 'dm', room: undefined, to: 'alice' }));

  it('stay bounded in number when direct messages flood in from new names', () => {
    let state = inDev();
    for (let n = 0; n < MAX_TARGETS * 2; n++) state = run(state, dm(1, `bot${n}`));
    expect(state.targets.size).toBe(MAX_TARGETS);
    expect(state.order).toContain(`@bot${MAX_TARGETS * 2 - 1}`);
    // The room on screen stays, with what it showed.
    expect(state.active).toBe('dev');
    expect(shownTexts(state)).toHaveLength(1);
  });

  it('never grow from history pages nobody asked for', () => {
    const page = (from: number) =>
      server({
        type: 'history',
        target: 'dev',
        messages: Array.from({ length: 100 }, (_, i) => chat(from + i + 2, 'bob', 'old')),
        more: true,
      });
    let state = inDev();
    for (let n = 0; n < 50; n++) state = run(state, page(n * 100));
    expect(shownTexts(state)).toHaveLength(1);
    state = run(state, { type: 'older-requested', target: 'dev' }, page(0));
    expect(shownTexts(state)).toHaveLength(101);
  });
});
