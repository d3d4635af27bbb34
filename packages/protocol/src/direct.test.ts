import { describe, expect, it } from 'vitest';
import { inDirectConversation } from './direct.js';
import type { ChatMessage } from './schema/common.js';

const base: ChatMessage = {
  type: 'message',
  id: 'm',
  seq: 1,
  kind: 'chat',
  room: 'dev',
  from: 'a',
  text: 't',
  ts: 0,
};

describe('inDirectConversation', () => {
  it('holds direct messages and the notices stored in conversations, not room messages', () => {
    const { room: _room, ...noRoom } = base;
    expect(inDirectConversation({ ...noRoom, kind: 'dm', to: 'b' })).toBe(true);
    expect(inDirectConversation({ ...noRoom, kind: 'system', to: 'b' })).toBe(true);
    expect(inDirectConversation(base)).toBe(false);
    expect(inDirectConversation({ ...base, kind: 'system' })).toBe(false);
  });
});
