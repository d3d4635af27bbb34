import { describe, expect, it } from 'vitest';
import { moderationText, roleMark } from './moderation-text.js';
import { modeLetters, modeText, parseModeChanges, settingsText } from './room-modes.js';

const none = { moderated: false, inviteOnly: false, topicProtected: false, private: false, password: false };

describe('room modes', () => {
  it('reads IRC-style letters, grouped or apart, with +k taking its password', () => {
    expect(parseModeChanges(['+m', '-i', '+t', '+p', '+k', 'sesame', '-k'])).toEqual({
      ok: true,
      changes: { moderated: true, inviteOnly: false, topicProtected: true, private: true, password: null },
    });
    expect(parseModeChanges(['+mi-t'])).toEqual({
      ok: true,
      changes: { moderated: true, inviteOnly: true, topicProtected: false },
    });
    expect(parseModeChanges(['+ik', 'pw'])).toEqual({
      ok: true,
      changes: { inviteOnly: true, password: 'pw' },
    });
  });

  it('says what is wrong: unknown letters, +k without a password, a password too long, no letters', () => {
    expect(parseModeChanges(['+x'])).toMatchObject({ ok: false, problem: expect.stringContaining('"x"') });
    expect(parseModeChanges(['+k'])).toMatchObject({
      ok: false,
      problem: expect.stringContaining('+k needs'),
    });
    expect(parseModeChanges(['+k', '-m'])).toMatchObject({ ok: false });
    expect(parseModeChanges(['+k', 'x'.repeat(65)])).toMatchObject({ ok: false });
    expect(parseModeChanges(['m'])).toMatchObject({ ok: false });
    expect(parseModeChanges(['+'])).toMatchObject({ ok: false, problem: 'no mode letters given' });
  });

  it('puts settings in words and letters, never a password', () => {
    expect(settingsText('dev', none)).toBe('#dev is open: anyone may join, speak and change the topic');
    const set = { ...none, inviteOnly: true, private: true, password: true };
    expect(modeLetters(set)).toBe('+ipk');
    expect(settingsText('dev', set)).toBe(
      '#dev is invite-only, is private (not listed in /rooms), needs a join password; mode +ipk',
    );
    expect(modeText('alice', 'dev', 'inviteOnly', true)).toBe('alice made #dev invite-only');
    expect(modeText('alice', 'dev', 'password', true)).toBe('alice set a join password on #dev');
    expect(modeText('alice', 'dev', 'moderated', false)).toBe(
      'alice made #dev unmoderated: everyone may speak',
    );
  });

  it('marks voice and words voice and invites', () => {
    expect(roleMark('voice')).toBe('+');
    expect(moderationText({ by: 'alice', action: 'invite', target: 'bob', room: 'dev' })).toBe(
      'alice invited bob to #dev',
    );
    expect(moderationText({ by: 'alice', action: 'uninvite', target: 'bob', room: 'dev' })).toBe(
      "alice took back bob's invite to #dev",
    );
    expect(moderationText({ by: 'alice', action: 'uninvite', target: 'you', room: 'dev' })).toBe(
      'alice took back your invite to #dev',
    );
    expect(moderationText({ by: 'alice', action: 'voice', target: 'bob', room: 'dev' })).toBe(
      'alice gave voice to bob in #dev',
    );
    expect(moderationText({ by: 'alice', action: 'devoice', target: 'bob', room: 'dev' })).toBe(
      'alice took voice from bob in #dev',
    );
  });
});
