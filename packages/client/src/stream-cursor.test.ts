import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { remoteKeyed } from './remote-keyed.js';
import { decodeCursor, encodeCursor } from './stream-cursor.js';

const b64 = (json: string) => Buffer.from(json).toString('base64url');

describe('stream cursors', () => {
  it('round-trips positions of rooms and conversations, in base64url without padding', () => {
    const positions = remoteKeyed([
      ['dev', 12],
      ['@Zoë', 3],
      ['ops', 0],
    ]);
    const cursor = encodeCursor(positions);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ ok: true, positions: { dev: 12, '@Zoë': 3, ops: 0 } });
    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString())).toEqual({
      v: 1,
      p: { '@Zoë': 3, dev: 12, ops: 0 },
    });
  });

  it('gives equal positions the same text whatever order they were learnt in', () => {
    const a = encodeCursor(
      remoteKeyed([
        ['dev', 1],
        ['ops', 2],
      ]),
    );
    const b = encodeCursor(
      remoteKeyed([
        ['ops', 2],
        ['dev', 1],
      ]),
    );
    expect(a).toBe(b);
    expect(decodeCursor(encodeCursor(remoteKeyed()))).toEqual({ ok: true, positions: {} });
  });

  it('round-trips any valid positions', () => {
    const room = fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,20}$/);
    const seq = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(fc.dictionary(room, seq), (record) => {
        const decoded = decodeCursor(encodeCursor(remoteKeyed(Object.entries(record))));
        expect(decoded).toEqual({ ok: true, positions: record });
      }),
    );
  });

  it.each([
    ['empty', '', /empty/],
    ['not base64url', 'abc+/=', /not base64url/],
    ['cut short', encodeCursor(remoteKeyed([['dev', 5]])).slice(0, -3), /cut short|not base64url/],
    ['not JSON', b64('dev=5'), /cut short/],
    ['a list', b64('[1,2]'), /does not hold a cursor/],
    ['without positions', b64('{"v":1}'), /does not hold a cursor/],
    ['of another version', b64('{"v":2,"p":{}}'), /version 2; this client reads version 1/],
    ['a bad room', b64('{"v":1,"p":{"Dev!":1}}'), /"Dev!" is no room or @name/],
    ['a room not in canonical form', b64('{"v":1,"p":{"#dev":1}}'), /is no room/],
    ['a bad name', b64('{"v":1,"p":{"@":1}}'), /is no room or @name/],
    ['a name not NFKC-normalized', b64('{"v":1,"p":{"@\\ufb01x":1}}'), /is no room or @name/],
    ['one conversation twice', b64('{"v":1,"p":{"@Bob":1,"@bob":2}}'), /names the conversation "@bob" twice/],
    ['a negative seq', b64('{"v":1,"p":{"dev":-1}}'), /not a whole number from 0/],
    ['a fractional seq', b64('{"v":1,"p":{"dev":1.5}}'), /not a whole number/],
    ['a seq as text', b64('{"v":1,"p":{"dev":"5"}}'), /not a whole number/],
    ['too long', 'A'.repeat(70_000), /longer than/],
  ])('refuses a cursor that is %s, saying why', (_what, text, why) => {
    const decoded = decodeCursor(text);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.problem).toMatch(why);
  });

  it('keeps a target named like an Object member as a plain key', () => {
    const decoded = decodeCursor(b64('{"v":1,"p":{"constructor":4,"@__proto__":2}}'));
    expect(decoded).toEqual({ ok: true, positions: { constructor: 4, '@__proto__': 2 } });
    if (decoded.ok) expect(Object.getPrototypeOf(decoded.positions)).toBeNull();
  });
});
