import type { ChatMessage, NotifyPrefs } from 'aurora-protocol';
import { chat, joined, members } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { chatting, frame, NOW } from '../../test/page-fixtures.js';
import { notificationTarget } from './notify-decision.js';

/** alice with #dev on screen and #ops behind it (its latest seq 5), under `prefs`. */
function page(prefs: Partial<NotifyPrefs> = {}) {
  return chatting(
    frame(joined('dev', { members: members('alice') })),
    frame(
      joined('ops', {
        members: members('alice'),
        seq: 5,
        history: [chat(5, 'bob', 'old news', { room: 'ops' })],
      }),
    ),
    { type: 'select', target: 'dev' },
    { type: 'prefs', prefs: { levels: [], mutes: [], keywords: [], ignored: [], ...prefs }, now: NOW },
  ).chat;
}

const due = (message: ChatMessage, state = page(), watching = true) =>
  notificationTarget(message, state, NOW, watching);
const inOps = (text: string, from = 'bob', seq = 6) => chat(seq, from, text, { room: 'ops' });

describe('notificationTarget', () => {
  it('notifies a mention, a keyword and a direct message, not other chat, at the default level', () => {
    expect(due(inOps('alice: ready?'))).toBe('ops');
    expect(due(inOps('the deploy is out'), page({ keywords: ['deploy'] }))).toBe('ops');
    expect(due(chat(1, 'Bob', 'psst', { to: 'alice' }))).toBe('@bob');
    expect(due(inOps('lunch?'))).toBeUndefined();
  });

  it('notifies every message in a room set to all, none in one set to none', () => {
    expect(due(inOps('lunch?'), page({ levels: [{ target: 'ops', level: 'all' }] }))).toBe('ops');
    expect(due(inOps('alice: ready?'), page({ levels: [{ target: 'ops', level: 'none' }] }))).toBeUndefined();
  });

  it('never notifies a muted room or conversation, until the mute ends', () => {
    expect(due(inOps('alice: ready?'), page({ mutes: [{ target: 'ops' }] }))).toBeUndefined();
    const dm = chat(1, 'bob', 'psst', { to: 'alice' });
    expect(due(dm, page({ mutes: [{ target: '@bob', until: NOW + 1 }] }))).toBeUndefined();
    expect(due(dm, page({ mutes: [{ target: '@bob', until: NOW }] }))).toBe('@bob');
  });

  it("never notifies one's own messages or notices", () => {
    expect(due(inOps('alice: note to self', 'Alice'))).toBeUndefined();
    expect(due(chat(6, 'server', 'alice joined', { room: 'ops', kind: 'system' }))).toBeUndefined();
    // A webhook posting under the person's name is not the person.
    expect(due(chat(6, 'alice', 'alice: build failed', { room: 'ops', bot: true }))).toBe('ops');
  });

  it('is quiet for the room on screen only while the page is visible and focused', () => {
    const mention = chat(1, 'bob', 'alice: here?', { room: 'dev' });
    expect(due(mention, page(), true)).toBeUndefined();
    expect(due(mention, page(), false)).toBe('dev');
  });

  it('does not notify a message already shown, nor one for a room not joined', () => {
    expect(due(inOps('alice: old news', 'bob', 5))).toBeUndefined();
    expect(due(chat(1, 'bob', 'alice: hi', { room: 'elsewhere' }))).toBeUndefined();
  });
});
