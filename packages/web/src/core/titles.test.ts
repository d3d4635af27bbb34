import { chat, joined, roomSettings } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { chatting, frame, run } from '../../test/page-fixtures.js';
import { initialPage } from './page-state.js';
import { announcement, pageTitle, settingsLabel } from './titles.js';

const inDev = () => chatting(frame(joined('dev')), frame(joined('ops')), { type: 'select', target: 'dev' });

describe('pageTitle', () => {
  it('leads with the unread count and names the conversation', () => {
    expect(pageTitle(initialPage())).toBe('Aurora');
    expect(pageTitle(inDev())).toBe('#dev · Aurora');
    expect(pageTitle(run(inDev(), frame(chat(1, 'bob', 'x', { room: 'ops' }))))).toBe('(1) #dev · Aurora');
  });
});

describe('announcement', () => {
  it('reads out messages in the conversation on screen', () => {
    const { chat: state } = inDev();
    expect(announcement(chat(1, 'bob', 'hi'), state)).toBe('bob: hi');
    expect(announcement(chat(1, 'bob', 'waves', { kind: 'action' }), state)).toBe('bob waves');
    expect(announcement(chat(1, 'bob', 'bob joined', { kind: 'system' }), state)).toBe('bob joined');
  });

  it('reads out direct messages from anywhere, and nothing from other rooms or from us', () => {
    const { chat: state } = inDev();
    const dm = chat(1, 'bob', 'psst', { kind: 'dm', room: undefined, to: 'alice' });
    expect(announcement(dm, state)).toBe('Direct message from bob: psst');
    expect(announcement(chat(1, 'bob', 'x', { room: 'ops' }), state)).toBeUndefined();
    expect(announcement(chat(1, 'Alice', 'mine'), state)).toBeUndefined();
  });
});

describe('settingsLabel', () => {
  it('names what changes who speaks or gets in, and nothing for an open room or unknown settings', () => {
    const open = roomSettings({ topicProtected: true });
    expect(settingsLabel(undefined)).toBe('');
    expect(settingsLabel(open)).toBe('');
    expect(settingsLabel({ ...open, moderated: true, password: true })).toBe('moderated · password');
    expect(settingsLabel({ ...open, inviteOnly: true, private: true })).toBe('invite-only · private');
  });
});
