import { chat } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { targetOf } from './chat-server.js';
import type { ChatState } from './chat-state.js';

describe('a notice the server stores in a direct conversation', () => {
  it('lands in the conversation with the other person, on both sides', () => {
    const notice = {
      ...chat(3, 'bob', 'bob is on a new guest connection', { to: 'alice' }),
      kind: 'system' as const,
    };
    expect(targetOf({ me: 'alice' } as ChatState, notice)).toBe(
      targetOf({ me: 'alice' } as ChatState, chat(4, 'bob', 'hi', { to: 'alice' })),
    );
    expect(targetOf({ me: 'bob' } as ChatState, notice)).toBe(
      targetOf({ me: 'bob' } as ChatState, chat(4, 'bob', 'hi', { to: 'alice' })),
    );
    expect(targetOf({ me: 'alice' } as ChatState, notice)).toMatch(/bob/);
  });
});
