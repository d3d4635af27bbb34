import { chat } from 'aurora-testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, graphemes } from '../wrap.js';
import { notificationField, notificationText } from './notification-text.js';

describe('notificationText', () => {
  it('names the sender and the room, and gives the start of the text without its markup', () => {
    expect(
      notificationText(chat(3, 'bob', 'alice: **deploy** [now](https://x.example)?', { room: 'ops' })),
    ).toEqual({ title: 'bob in #ops', body: 'alice: deploy now?' });
  });

  it('says "direct message" for a direct message, and shows /me as on screen', () => {
    expect(notificationText(chat(1, 'carol', 'psst', { to: 'alice' }))).toEqual({
      title: 'carol (direct message)',
      body: 'psst',
    });
    expect(notificationText(chat(2, 'bob', 'waves at alice', { kind: 'action' })).body).toBe(
      '* bob waves at alice',
    );
  });

  it('marks accounts and bots as the screen does, so a guest cannot pass for an account', () => {
    expect(notificationText(chat(1, 'bob', 'hi alice', { account: true })).title).toBe('bob✓ in #dev');
    expect(notificationText(chat(1, 'ci', 'alice: red', { bot: true })).title).toBe('ci⚙ in #dev');
  });

  it('counts the messages told in the same notification', () => {
    expect(notificationText(chat(1, 'bob', 'alice?'), 2).title).toBe('bob in #dev (+2 more)');
  });

  it('cuts long text at a whole grapheme, ending with …', () => {
    const long = `alice: ${'👍🏽'.repeat(80)}`;
    const { body } = notificationText(chat(1, 'bob', long));
    expect(body.endsWith('…')).toBe(true);
    expect(displayWidth(body)).toBeLessThanOrEqual(100);
    for (const g of graphemes(body.slice(0, -1)).slice(7)) expect(g).toBe('👍🏽');
  });

  it('turns a hostile name or text into plain, visible characters', () => {
    const hostile = chat(
      1,
      'bob\x07\x1b\\\x1b]777;notify;pwned;x\x07',
      'alice;\x1b[2J\u009chi\r\nthere\u009d777;notify;x;y',
      {
        room: 'ops;x',
      },
    );
    const note = notificationText(hostile);
    expect(note.title).toBe('bob␇ in #ops,x');
    // C1 ST shows as U+FFFD; C1 OSC starts a sequence that swallows the rest, as a terminal would.
    expect(note.body).toBe('alice,\uFFFDhi there');
  });
});

describe('notificationField', () => {
  it('never leaves a control character, a separator or a line break, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 1, max: 120 }), (text, columns) => {
        const field = notificationField(text, columns);
        expect(field).not.toMatch(/[\x00-\x1f\x7f-\x9f;\u2028\u2029]/);
        expect(field.isWellFormed()).toBe(true);
        expect(displayWidth(field)).toBeLessThanOrEqual(columns);
      }),
    );
  });

  it('keeps ordinary text as it is', () => {
    expect(notificationField('  新しいビルド  は 👍🏽 ', 40)).toBe('新しいビルド は 👍🏽');
  });
});
