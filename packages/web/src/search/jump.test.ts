import { chat, joined, members } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { chatting, frame, NOW, run } from '../../test/page-fixtures.js';
import { type PageState, pageReducer } from '../core/page-state.js';
import { createStore } from '../core/store.js';
import { CONTEXT_AFTER, CONTEXT_BEFORE, createJumper, type JumpDeps, jumpStep } from './jump.js';

const m = (seq: number) => chat(seq, 'bob', `m${seq}`);

/** alice in #dev, online, with messages 100 and 101 loaded. */
function inDev(): PageState {
  return chatting(frame(joined('dev', { history: [m(100), m(101)], members: members('alice'), more: true })));
}

describe('jumpStep', () => {
  it('reveals a message that is loaded, and loads the context of one that is not, once', () => {
    expect(jumpStep(inDev(), { key: 'dev', seq: 101, asked: false })).toBe('reveal');
    expect(jumpStep(inDev(), { key: 'dev', seq: 40, asked: false })).toBe('load');
    expect(jumpStep(inDev(), { key: 'dev', seq: 40, asked: true })).toBe('gone');
  });

  it("waits for a room being joined, a page on its way, a new conversation's latest page, the connection", () => {
    expect(jumpStep(inDev(), { key: 'ops', seq: 3, asked: false })).toBe('wait');
    const loading = run(inDev(), { type: 'older-requested', target: 'dev' });
    expect(jumpStep(loading, { key: 'dev', seq: 40, asked: true })).toBe('wait');
    const opened = run(
      inDev(),
      { type: 'open-dm', nick: 'Bob' },
      { type: 'older-requested', target: '@bob' },
    );
    expect(jumpStep(opened, { key: '@bob', seq: 7, asked: false })).toBe('wait');
    const offline = run(inDev(), {
      type: 'connection',
      event: { type: 'status', status: { state: 'connecting', attempt: 1, everOnline: true } },
      now: NOW,
    });
    expect(jumpStep(offline, { key: 'dev', seq: 40, asked: false })).toBe('wait');
  });

  it('gives up when the person went to another conversation meanwhile', () => {
    const elsewhere = run(inDev(), { type: 'open-dm', nick: 'carol' });
    expect(jumpStep(elsewhere, { key: 'dev', seq: 40, asked: false })).toBe('abandon');
  });
});

describe('createJumper', () => {
  function setup(state = inDev()) {
    const store = createStore(pageReducer, state);
    const calls: string[] = [];
    const deps: JumpDeps = {
      store,
      show: (wire) => {
        calls.push(`show ${wire}`);
        return wire;
      },
      loadPage: (key, before, limit) => {
        calls.push(`page ${key} before ${before} limit ${limit}`);
        store.dispatch({ type: 'older-requested', target: key });
        return true;
      },
      reveal: (seq) => calls.push(`reveal ${seq}`),
      notice: (text, target) => calls.push(`notice ${target}: ${text}`),
    };
    return { store, calls, jump: createJumper(deps) };
  }

  it('loads the messages around an old one in one request, then reveals it', () => {
    const { store, calls, jump } = setup();
    jump('dev', 40);
    const before = 40 + CONTEXT_AFTER + 1;
    expect(calls).toEqual([
      'show dev',
      `page dev before ${before} limit ${CONTEXT_BEFORE + 1 + CONTEXT_AFTER}`,
    ]);
    const context = Array.from({ length: 51 }, (_, i) => m(10 + i));
    store.dispatch(frame({ type: 'history', target: 'dev', messages: context, more: true }));
    expect(calls.at(-1)).toBe('reveal 40');
    // Done: later changes do nothing more.
    store.dispatch(frame(m(102)));
    expect(calls).toHaveLength(3);
  });

  it('says so when the context came without the message', () => {
    const { store, calls, jump } = setup();
    jump('dev', 40);
    store.dispatch(frame({ type: 'history', target: 'dev', messages: [m(39), m(41)], more: true }));
    expect(calls.at(-1)).toMatch(/^notice dev: The message you searched for is no longer/);
  });

  it('reveals at once a message already loaded, and a new jump replaces the last', () => {
    const { calls, jump } = setup();
    jump('dev', 40);
    jump('dev', 101);
    expect(calls.at(-1)).toBe('reveal 101');
    expect(calls.filter((c) => c.startsWith('page'))).toHaveLength(1);
  });
});
