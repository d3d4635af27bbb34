import { messagePlace } from 'aurora-client';
import type { ChatMessage } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';

describe('a notice the server stores in a direct conversation', () => {
  it('is placed in the conversation with the other person, like the messages around it', () => {
    const notice: ChatMessage = {
      type: 'message',
      id: 'm1',
      seq: 3,
      kind: 'system',
      to: 'alice',
      from: 'bob',
      text: 'bob is on a new guest connection',
      ts: 0,
    };
    expect(messagePlace(notice, 'alice')).toMatchObject({ name: 'bob', isDm: true });
    expect(messagePlace(notice, 'bob')).toMatchObject({ name: 'alice', isDm: true });
  });
});
