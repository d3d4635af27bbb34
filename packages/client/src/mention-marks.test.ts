import { mentions, type ServerMessage } from 'aurora-protocol';
import { chat, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, chatReducer, initialChatState } from './chat-state.js';

const server = (message: ServerMessage): ChatAction => ({
  type: 'connection',
  event: { type: 'server', message },
  now: Date.UTC(2026, 2, 3, 13, 0, 0),
});

// The cases the terminal, the browser and the server's digest once answered differently. The
// server's digest and both clients now take the protocol's one rule; this pins what the engine marks.
const CASES: [text: string, mentionsAlice: boolean][] = [
  ['thanks alice.', true],
  ['ｈｉ ａｌｉｃｅ', true],
  ['@Alice look', true],
  ['alice-bot says hi', false],
  ['malice', false],
];

describe('mention marks in the chat state', () => {
  it.each(CASES)('%s: marked %s, as the protocol rule says', (text, expected) => {
    expect(mentions(text, 'alice')).toBe(expected);
    const state = [
      server(welcome('alice')),
      server(joined('dev')),
      server(chat(1, 'bob', text, { room: 'dev' })),
    ].reduce(chatReducer, initialChatState('alice'));
    const item = state.targets.dev!.items.toArray().find((i) => i.kind === 'message');
    expect(item?.kind === 'message' && item.mention).toBe(expected);
    // The terminal's bell and the page's alerts count it too.
    expect(state.alerts.mentions).toBe(expected ? 1 : 0);
  });
});
