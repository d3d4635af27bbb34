import type { ServerMessage } from 'aurora-protocol';
import { chat, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, chatReducer } from './chat-reducer.js';
import { type ChatState, initialState } from './chat-state.js';
import { announcement, pageTitle } from './titles.js';

const server = (message: ServerMessage): ChatAction => ({ type: 'server', message, now: 0 });
const inDev = (): ChatState =>
  [server(welcome('alice')), server(joined('dev')), server(joined('ops'))].reduce(
    chatReducer,
    initialState(),
  );

describe('pageTitle', () => {
  it('leads with the unread count and names the conversation', () => {
    expect(pageTitle(initialState())).toBe('Aurora');
    expect(pageTitle(inDev())).toBe('#dev · Aurora');
    const busy = chatReducer(inDev(), server(chat(1, 'bob', 'x', { room: 'ops' })));
    expect(pageTitle(busy)).toBe('(1) #dev · Aurora');
  });
});

describe('announcement', () => {
  it('reads out messages in the conversation on screen', () => {
    expect(announcement(chat(1, 'bob', 'hi'), inDev())).toBe('bob: hi');
    expect(announcement(chat(1, 'bob', 'waves', { kind: 'action' }), inDev())).toBe('bob waves');
    expect(announcement(chat(1, 'bob', 'bob joined', { kind: 'system' }), inDev())).toBe('bob joined');
  });

  it('reads out direct messages from anywhere, and nothing from other rooms or from us', () => {
    const dm = chat(1, 'bob', 'psst', { kind: 'dm', room: undefined, to: 'alice' });
    expect(announcement(dm, inDev())).toBe('Direct message from bob: psst');
    expect(announcement(chat(1, 'bob', 'x', { room: 'ops' }), inDev())).toBeUndefined();
    expect(announcement(chat(1, 'Alice', 'mine'), inDev())).toBeUndefined();
  });
});
