import { joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, type ChatState, chatReducer, initialChatState } from './chat-state.js';
import type { ConnectionStatus, Outgoing } from './connection-types.js';

const NOW = Date.UTC(2026, 2, 3, 13, 0, 0);
const status = (s: ConnectionStatus): ChatAction => ({
  type: 'connection',
  event: { type: 'status', status: s },
  now: NOW,
});
const sent = (cid: string, text: string, target = 'dev'): ChatAction => ({
  type: 'sent',
  outgoing: { cid, kind: 'say', target, text, createdAt: NOW } satisfies Outgoing,
});
const joinedDev: ChatAction = {
  type: 'connection',
  event: { type: 'server', message: joined('dev') },
  now: NOW,
};
const online = (account?: string) =>
  status({ state: 'online', nick: 'alice', server: 'aurora-server', ...(account ? { account } : {}) });
const sessionRefused = status({ state: 'refused', code: 'auth_failed', message: 'your session expired' });
/** Started with a stored session for alice, with --room dev: the server refused the token. */
const start = (...actions: ChatAction[]) =>
  actions.reduce(chatReducer, initialChatState('alice', 'test:8000', 'dev'));
const notices = (state: ChatState, target: string) =>
  state.targets[target]!.items.toArray().flatMap((item) => (item.kind === 'notice' ? [item.text] : []));
const pending = (state: ChatState, target = 'dev') =>
  state.targets[target]!.pending.map((p) => ({ text: p.outgoing.text, state: p.state, note: p.note }));

describe('lines typed while the session has ended', () => {
  it('forgets the account whose token was refused, says how to log in or go on as a guest', () => {
    const state = start(sessionRefused);
    expect(state.account).toBeUndefined();
    expect(notices(state, state.current)).toEqual([
      'Your session for alice on test:8000 ended; log in again with /login alice. /nick NAME goes on as a guest; lines you type meanwhile wait.',
    ]);
  });

  it('forgets the account when a session that was online is refused on reconnecting', () => {
    const state = start(
      online('alice'),
      {
        type: 'connection',
        event: { type: 'server', message: { ...welcome('alice'), account: 'alice' } },
        now: NOW,
      },
      joinedDev,
      sessionRefused,
    );
    expect(state.account).toBeUndefined();
  });

  it('holds a line typed meanwhile and says, where it was typed, why it waits and what to do', () => {
    const state = start(sessionRefused, sent('c1', 'anyone here?'), sent('c2', 'hello?'));
    expect(pending(state)).toEqual([
      { text: 'anyone here?', state: 'held', note: 'waits: /login alice, or /nick NAME as a guest' },
      { text: 'hello?', state: 'held', note: 'waits: /login alice, or /nick NAME as a guest' },
    ]);
    // Said once in the room the lines wait in, not once per line.
    expect(notices(state, 'dev')).toEqual([
      'Not sent yet: your session for alice on test:8000 ended. Your lines go out once you log in again with /login alice, or go on as a guest with /nick NAME.',
    ]);
  });

  it('holds lines that were still sending when the session turned out to have ended', () => {
    const state = start(
      online('alice'),
      joinedDev,
      status({ state: 'reconnecting', attempt: 1, retryAt: NOW + 1000, reason: 'closed', everOnline: true }),
      sent('c1', 'still there?'),
      sessionRefused,
    );
    expect(pending(state)).toEqual([
      { text: 'still there?', state: 'held', note: 'waits: /login alice, or /nick NAME as a guest' },
    ]);
  });

  it('sends held lines once the user is let in again, as the account or as a guest', () => {
    const held = start(sessionRefused, sent('c1', 'anyone here?'));
    for (const account of ['alice', undefined]) {
      const state = chatReducer(held, online(account));
      expect(pending(state)).toEqual([{ text: 'anyone here?', state: 'sending', note: undefined }]);
    }
  });

  it('holds lines after a log-out elsewhere too, and sends as usual while online', () => {
    const out = start(
      online('alice'),
      joinedDev,
      status({ state: 'logged-out', elsewhere: true }),
      sent('c1', 'hi'),
    );
    expect(pending(out)[0]?.state).toBe('held');
    const fine = start(online('alice'), joinedDev, sent('c1', 'hi'));
    expect(pending(fine)).toEqual([{ text: 'hi', state: 'sending', note: undefined }]);
    expect(notices(fine, 'dev')).toEqual([]);
  });

  it('says what a line waits for when the server refused the name', () => {
    const state = start(
      status({ state: 'refused', code: 'name_registered', message: 'the name alice is registered' }),
      sent('c1', 'hi'),
    );
    expect(pending(state)[0]).toMatchObject({ state: 'held', note: 'waits: /login alice, or /nick NAME' });
    expect(notices(state, 'dev')).toEqual([
      'Not sent yet: the name alice is registered. Your lines go out once the server lets you in: /nick NAME takes another name, /login alice logs in.',
    ]);
  });

  it('rewrites what a held line waits for when the server refuses again for another reason', () => {
    const state = start(
      joinedDev,
      sessionRefused,
      sent('c1', 'hi'),
      status({ state: 'refused', code: 'name_taken', message: 'the name bob is taken' }),
    );
    expect(pending(state)[0]).toMatchObject({ state: 'held', note: 'waits: /nick NAME' });
  });
});
