import { chat } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { clip, notificationText } from './desktop-notification.js';

describe('notificationText', () => {
  it('says who, where and the start of the text, marking an account as on screen', () => {
    expect(
      notificationText(chat(1, 'bob', 'alice: ready?', { room: 'ops', account: true }), 'alice'),
    ).toEqual({
      title: 'bob✓ in #ops',
      body: 'alice: ready?',
    });
    expect(notificationText(chat(2, 'bob', 'waves', { room: 'ops', kind: 'action' }), 'alice').body).toBe(
      '* bob waves',
    );
    expect(notificationText(chat(3, 'Bob', 'psst', { to: 'alice' }), 'alice').title).toBe(
      'Bob (direct message)',
    );
  });

  it('takes control characters, bidi overrides and invisible characters out of remote text', () => {
    const text = notificationText(
      chat(1, 'ev\u202eil\u200b', 'line one\nline two\x1b]0;owned\x07\u0007 end', { room: 'ops' }),
      'alice',
    );
    expect(text.title).toBe('evil in #ops');
    expect(text.body).toBe('line one line two␇ end');
    expect(`${text.title}${text.body}`).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b]/);
  });

  it('keeps a notification short, cutting at a whole character', () => {
    expect(clip('😀'.repeat(200), 10)).toBe(`${'😀'.repeat(9)}…`);
    expect(clip('  short  ', 10)).toBe('short');
  });
});
