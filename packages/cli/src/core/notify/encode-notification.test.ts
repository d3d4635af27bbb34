import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeNotification, type NotifyKind, tmuxPassthrough } from './encode-notification.js';
import { notificationField } from './notification-text.js';

const text = { title: 'bob in #ops', body: 'alice: deploy?' };
const plain = { tmux: false, id: 'aurora-1' };
const inTmux = { tmux: true, id: 'aurora-1' };
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('encodeNotification', () => {
  it('writes OSC 777 notify with a title and a body, ended by ST', () => {
    expect(encodeNotification('osc777', text, plain)).toBe(
      '\x1b]777;notify;bob in #ops;alice: deploy?\x1b\\',
    );
  });

  it('writes OSC 9 with the title folded into the body, which is all it has', () => {
    expect(encodeNotification('osc9', text, plain)).toBe('\x1b]9;bob in #ops: alice: deploy?\x1b\\');
  });

  it("writes kitty's OSC 99 as a title chunk and a body chunk under one id, base64 payloads", () => {
    expect(encodeNotification('osc99', text, plain)).toBe(
      `\x1b]99;i=aurora-1:d=0:e=1:p=title;${b64('bob in #ops')}\x1b\\` +
        `\x1b]99;i=aurora-1:d=1:e=1:p=body;${b64('alice: deploy?')}\x1b\\`,
    );
  });

  it("keeps OSC 99's id within kitty's word characters", () => {
    expect(encodeNotification('osc99', text, { tmux: false, id: 'a;b:c\x1b' })).toContain('i=abc:');
  });

  it('rings the bell as BEL, and writes nothing when off', () => {
    expect(encodeNotification('bell', text, plain)).toBe('\x07');
    expect(encodeNotification('off', text, plain)).toBe('');
  });

  it("wraps every escape in tmux's passthrough inside tmux, every ESC doubled", () => {
    expect(encodeNotification('osc777', text, inTmux)).toBe(
      '\x1bPtmux;\x1b\x1b]777;notify;bob in #ops;alice: deploy?\x1b\x1b\\\x1b\\',
    );
    expect(encodeNotification('osc9', text, inTmux)).toBe(
      '\x1bPtmux;\x1b\x1b]9;bob in #ops: alice: deploy?\x1b\x1b\\\x1b\\',
    );
    const kitty = encodeNotification('osc99', text, inTmux);
    expect(kitty).toBe(tmuxPassthrough(encodeNotification('osc99', text, plain)));
    expect(kitty.startsWith('\x1bPtmux;\x1b\x1b]99;')).toBe(true);
  });

  it('leaves the bell to tmux, which rings it itself', () => {
    expect(encodeNotification('bell', text, inTmux)).toBe('\x07');
    expect(encodeNotification('off', text, inTmux)).toBe('');
  });
});

// Remote text at its worst: controls of every kind, terminators, separators, whole escapes, C1 in
// both forms, surrogate halves and plain Unicode.
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '\x1b',
      '\x07',
      '\x9c',
      '\x9d',
      '\x90',
      '\x1b\\',
      ';',
      ':',
      '\x18',
      '\x1a',
      '\n',
      '\r',
      '\x1b]777;notify;pwned;x\x07',
      '\x1bPtmux;\x1b\x1b]9;pwned\x07\x1b\\',
      '\x1b[2J',
      '\ud800',
      '👍🏽',
    ),
    fc.string({ unit: 'binary', maxLength: 3 }),
  ),
  maxLength: 60,
});
const hostileText = fc.record({ title: hostile, body: hostile }).map(({ title, body }) => ({
  title: notificationField(title, 40),
  body: notificationField(body, 100),
}));

/** Counts occurrences of `needle` in `haystack`. */
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
/** The code points a terminal could take for the end of a string sequence or the start of another. */
const ENDS_OR_STARTS = /[\x00-\x1f\x7f-\x9f]/;

describe('encodeNotification with hostile text', () => {
  it('OSC 777 and OSC 9: one sequence, one terminator, exactly their fields', () => {
    fc.assert(
      fc.property(hostileText, (note) => {
        const osc777 = encodeNotification('osc777', note, plain);
        expect(osc777.startsWith('\x1b]777;notify;')).toBe(true);
        expect(osc777.endsWith('\x1b\\')).toBe(true);
        const inner777 = osc777.slice(2, -2);
        expect(inner777).not.toMatch(ENDS_OR_STARTS);
        expect(inner777.split(';')).toEqual(['777', 'notify', note.title, note.body]);

        const osc9 = encodeNotification('osc9', note, plain);
        const inner9 = osc9.slice(2, -2);
        expect(osc9.startsWith('\x1b]9;')).toBe(true);
        expect(inner9).not.toMatch(ENDS_OR_STARTS);
        expect(inner9.split(';')).toHaveLength(2);
      }),
    );
  });

  it('OSC 99: two sequences, each metadata fixed and its payload base64', () => {
    fc.assert(
      fc.property(hostileText, (note) => {
        const osc99 = encodeNotification('osc99', note, plain);
        expect(count(osc99, '\x1b')).toBe(4);
        const chunks = osc99.split('\x1b\\').slice(0, -1);
        expect(chunks.map((chunk) => chunk.split(';').slice(0, 2))).toEqual([
          ['\x1b]99', 'i=aurora-1:d=0:e=1:p=title'],
          ['\x1b]99', 'i=aurora-1:d=1:e=1:p=body'],
        ]);
        const payloads = chunks.map((chunk) => chunk.split(';')[2] ?? '');
        for (const payload of payloads) expect(payload).toMatch(/^[A-Za-z0-9+/]*=*$/);
        expect(payloads.map((p) => Buffer.from(p, 'base64').toString('utf8'))).toEqual([
          note.title,
          note.body,
        ]);
      }),
    );
  });

  it('inside tmux: ESC appears only doubled inside the passthrough, so tmux ends it where it should', () => {
    const kinds: NotifyKind[] = ['osc777', 'osc9', 'osc99'];
    fc.assert(
      fc.property(hostileText, fc.constantFrom(...kinds), (note, kind) => {
        const wrapped = encodeNotification(kind, note, inTmux);
        expect(wrapped.startsWith('\x1bPtmux;')).toBe(true);
        expect(wrapped.endsWith('\x1b\\')).toBe(true);
        const inside = wrapped.slice('\x1bPtmux;'.length, -2);
        // Every ESC inside is one of a doubled pair: tmux's parser never sees a lone ESC \ there.
        expect(inside.replaceAll('\x1b\x1b', '')).not.toContain('\x1b');
        expect(inside.replaceAll('\x1b\x1b', '\x1b')).toBe(encodeNotification(kind, note, plain));
        expect(wrapped).not.toMatch(/[\x07\x9c]/);
      }),
    );
  });
});
