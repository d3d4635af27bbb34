import { type ChatAction, type ChatState, initialChatState } from 'aurora-client';
import type { ServerMessage } from 'aurora-protocol';
import { chat, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatSession, chatSessionReducer, NO_ARRIVALS } from './arrivals.js';

const server = (message: ServerMessage): ChatAction => ({
  type: 'connection',
  event: { type: 'server', message },
  now: Date.UTC(2026, 2, 3, 12),
});
const start = (): ChatSession =>
  [welcome('alice'), joined('dev'), joined('ops')].reduce(
    (session, frame) => chatSessionReducer(session, server(frame)),
    { chat: initialChatState('alice', 'test', 'dev') as ChatState, arrivals: NO_ARRIVALS },
  );
const receive = (session: ChatSession, ...frames: ServerMessage[]) =>
  frames.reduce((s, frame) => chatSessionReducer(s, server(frame)), session);

describe('chatSessionReducer', () => {
  it('logs each live message from someone else, with its target and whether it mentions me', () => {
    const session = receive(
      start(),
      chat(1, 'bob', 'lunch?', { room: 'ops' }),
      chat(2, 'bob', 'alice: deploy?', { room: 'ops' }),
      chat(1, 'carol', 'psst', { to: 'alice' }),
    );
    expect(session.arrivals.count).toBe(3);
    expect(session.arrivals.recent.map((a) => [a.target, a.mention, a.message.text])).toEqual([
      ['ops', false, 'lunch?'],
      ['ops', true, 'alice: deploy?'],
      ['@carol', true, 'psst'],
    ]);
  });

  it('logs neither my own messages, nor notices, nor a message twice, nor history', () => {
    const session = receive(
      start(),
      chat(1, 'alice', 'me, alice', { room: 'ops' }),
      chat(2, 'server', 'bob joined', { room: 'ops', kind: 'system' }),
      chat(3, 'bob', 'alice: once', { room: 'ops' }),
      chat(3, 'bob', 'alice: once', { room: 'ops' }),
      joined('random', { history: [chat(7, 'bob', 'alice: old news', { room: 'random' })] }),
    );
    expect(session.arrivals.recent.map((a) => a.message.text)).toEqual(['alice: once']);
  });

  it('keeps the chat state exactly as the engine makes it', () => {
    const session = receive(start(), chat(1, 'bob', 'alice: hi', { room: 'ops' }));
    expect(session.chat.targets.ops?.mentions).toBe(1);
    expect(session.chat.alerts).toEqual({ mentions: 1, messages: 1 });
  });

  it('keeps the last 16 arrivals and counts them all', () => {
    const frames = Array.from({ length: 40 }, (_, i) => chat(i + 1, 'bob', `n${i + 1}`, { room: 'ops' }));
    const session = receive(start(), ...frames);
    expect(session.arrivals.count).toBe(40);
    expect(session.arrivals.recent.map((a) => a.message.text)).toEqual(
      Array.from({ length: 16 }, (_, i) => `n${i + 25}`),
    );
  });
});
