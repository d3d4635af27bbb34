import { chat, joined, members } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { chatting, frame, run } from '../../test/page-fixtures.js';
import { activeTarget, PAGE_TRANSCRIPT_BUDGET, totalUnread } from './page-state.js';

describe('pageReducer', () => {
  it('shows the chat once welcomed, the room once joined, and counts unread elsewhere', () => {
    const state = chatting(
      frame(joined('dev', { members: members('alice', 'bob') })),
      frame(joined('ops')),
      { type: 'select', target: 'dev' },
      frame(chat(1, 'bob', 'in ops', { room: 'ops' })),
    );
    expect(state.screen).toBe('chat');
    expect(activeTarget(state)?.key).toBe('dev');
    expect(totalUnread(state.chat)).toBe(1);
    expect(state.wanted.rooms).toEqual([]);
  });

  it('goes back to the join screen on /quit, offering the room on screen', () => {
    const state = run(chatting(frame(joined('dev'))), { type: 'quit' });
    expect(state).toMatchObject({ screen: 'join', wanted: { nick: 'alice', rooms: ['dev'] } });
  });

  it('says a window was cleared', () => {
    const state = run(chatting(frame(joined('dev', { history: [chat(1, 'bob', 'x')] }))), {
      type: 'clear',
      target: 'dev',
    });
    expect(state.cleared.has('dev')).toBe(true);
    expect(state.chat.targets.dev?.items.length).toBe(0);
  });

  it('keeps a busy room to the page’s transcript budget, oldest lines first, with more to page in', () => {
    const text = 'x'.repeat(400);
    const flood = Array.from({ length: 2000 }, (_, i) => frame(chat(i + 1, 'bob', `${i + 1} ${text}`)));
    const { chat: state } = chatting(frame(joined('dev')), ...flood);
    const dev = state.targets.dev!;
    expect(dev.items.weight).toBeLessThanOrEqual(PAGE_TRANSCRIPT_BUDGET.perTarget);
    expect(dev.more).toBe(true);
    const last = dev.items.at(-1);
    expect(last?.kind === 'message' && last.message.seq).toBe(2000);
  });
});
