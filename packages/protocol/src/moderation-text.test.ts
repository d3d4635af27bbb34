import { describe, expect, it } from 'vitest';
import { moderationText, roleMark } from './moderation-text.js';

describe('moderation text', () => {
  it('marks owners, operators and admins, and nobody else', () => {
    expect([roleMark('owner'), roleMark('operator'), roleMark('admin'), roleMark(undefined)]).toEqual([
      '~',
      '@',
      '&',
      '',
    ]);
  });

  it('says who did what to whom, where, until when and why', () => {
    expect(moderationText({ by: 'alice', action: 'kick', target: 'bob', room: 'dev', reason: 'spam' })).toBe(
      'alice kicked bob from #dev: spam',
    );
    expect(
      moderationText({
        by: 'alice',
        action: 'ban',
        target: 'bob',
        room: 'dev',
        until: Date.UTC(2026, 11, 7, 10),
      }),
    ).toBe('alice banned bob from #dev until 2026-12-07 10:00 UTC');
    expect(moderationText({ by: 'root', action: 'ban', target: 'bob' })).toBe('root banned bob server-wide');
    expect(moderationText({ by: 'alice', action: 'mute', target: 'bob', room: 'dev' })).toBe(
      'alice muted bob in #dev',
    );
    expect(moderationText({ by: 'alice', action: 'op', target: 'carol', room: 'dev' })).toBe(
      'alice made carol an operator of #dev',
    );
    expect(moderationText({ by: 'alice', action: 'claim', target: 'alice', room: 'dev' })).toBe(
      'alice claimed #dev and owns it now',
    );
  });
});
