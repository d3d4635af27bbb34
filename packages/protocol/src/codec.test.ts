import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeClientMessage,
  decodeServerMessage,
  encodeClientMessage,
  encodeServerMessage,
  MAX_SERVER_FRAME_BYTES,
} from './codec.js';
import { ErrorCode } from './errors.js';
import { LIMITS } from './limits.js';
import type { ClientMessage } from './schema/client.js';
import type { ChatMessage } from './schema/common.js';
import type { ServerMessage } from './schema/server.js';

const validClient: ClientMessage[] = [
  { type: 'hello', v: 1, nick: 'alice' },
  {
    type: 'hello',
    v: 1,
    nick: 'alice',
    client: { name: 'aurora-chat', version: '1.0.0' },
    rooms: ['dev', 'ops'],
    resume: { dev: 41, '@bob': 3 },
    token: 'tok',
    ref: 'r1',
  },
  { type: 'join', room: 'dev' },
  { type: 'join', room: 'dev', since: 10, ref: 'j' },
  { type: 'leave', room: 'dev' },
  { type: 'say', room: 'dev', text: 'hi', cid: 'c1' },
  { type: 'action', room: 'dev', text: 'waves', cid: 'c2' },
  { type: 'dm', to: 'bob', text: 'psst', cid: 'c3' },
  { type: 'typing', room: 'dev', active: true },
  { type: 'typing', room: 'dev', active: false },
  { type: 'nick', nick: 'alice2' },
  { type: 'topic', room: 'dev', topic: 'Release day' },
  { type: 'topic', room: 'dev', topic: '' },
  { type: 'away', away: true, status: 'lunch' },
  { type: 'away', away: false },
  { type: 'rooms' },
  { type: 'members', room: 'dev' },
  { type: 'history', target: 'dev', before: 100, limit: 50 },
  { type: 'history', target: '@bob', after: 3 },
  { type: 'history', target: 'dev', after: 3, before: 9 },
  { type: 'ping', t: 123 },
  { type: 'register', name: 'alice', password: 'correct horse' },
  { type: 'login', name: 'alice', password: 'correct horse', ref: 'l1' },
  { type: 'logout', everywhere: false },
  { type: 'logout', everywhere: true },
  { type: 'read', target: 'dev', seq: 42 },
  { type: 'read', target: '@bob', seq: 0 },
];

const invalidClient: [string, unknown, string][] = [
  ['hello without nick', { type: 'hello', v: 1 }, ErrorCode.BadMessage],
  ['hello with a string version', { type: 'hello', v: '1', nick: 'a' }, ErrorCode.BadMessage],
  [
    'hello with too many rooms',
    { type: 'hello', v: 1, nick: 'a', rooms: Array(LIMITS.maxRoomsPerConnection + 1).fill('r') },
    ErrorCode.BadMessage,
  ],
  [
    'hello with a negative resume cursor',
    { type: 'hello', v: 1, nick: 'a', resume: { dev: -1 } },
    ErrorCode.BadMessage,
  ],
  ['join without room', { type: 'join' }, ErrorCode.BadMessage],
  ['join with a fractional since', { type: 'join', room: 'dev', since: 1.5 }, ErrorCode.BadMessage],
  ['leave with a numeric room', { type: 'leave', room: 5 }, ErrorCode.BadMessage],
  ['say without cid', { type: 'say', room: 'dev', text: 'hi' }, ErrorCode.BadMessage],
  ['say with empty text', { type: 'say', room: 'dev', text: '', cid: 'c' }, ErrorCode.BadMessage],
  ['say with blank text', { type: 'say', room: 'dev', text: '  \n ', cid: 'c' }, ErrorCode.BadMessage],
  [
    'say over 4 KiB',
    { type: 'say', room: 'dev', text: 'x'.repeat(LIMITS.maxTextBytes + 1), cid: 'c' },
    ErrorCode.BadMessage,
  ],
  [
    'say over 4 KiB in UTF-8 only',
    { type: 'say', room: 'dev', text: 'é'.repeat(LIMITS.maxTextBytes / 2 + 1), cid: 'c' },
    ErrorCode.BadMessage,
  ],
  [
    'say with a cid holding spaces',
    { type: 'say', room: 'dev', text: 'x', cid: 'a b' },
    ErrorCode.BadMessage,
  ],
  [
    'say with an over-long cid',
    { type: 'say', room: 'dev', text: 'x', cid: 'c'.repeat(65) },
    ErrorCode.BadMessage,
  ],
  ['action without text', { type: 'action', room: 'dev', cid: 'c' }, ErrorCode.BadMessage],
  ['dm without to', { type: 'dm', text: 'x', cid: 'c' }, ErrorCode.BadMessage],
  ['typing with a string active', { type: 'typing', room: 'dev', active: 'yes' }, ErrorCode.BadMessage],
  ['nick as a number', { type: 'nick', nick: 7 }, ErrorCode.BadMessage],
  [
    'topic over the limit',
    { type: 'topic', room: 'dev', topic: 't'.repeat(LIMITS.maxTopicLength + 1) },
    ErrorCode.BadMessage,
  ],
  ['away without flag', { type: 'away' }, ErrorCode.BadMessage],
  ['members without room', { type: 'members' }, ErrorCode.BadMessage],
  ['history without target', { type: 'history' }, ErrorCode.BadMessage],
  [
    'history over the page limit',
    { type: 'history', target: 'dev', limit: LIMITS.historyPageMax + 1 },
    ErrorCode.BadMessage,
  ],
  ['history with limit 0', { type: 'history', target: 'dev', limit: 0 }, ErrorCode.BadMessage],
  ['ping with a string t', { type: 'ping', t: 'now' }, ErrorCode.BadMessage],
  ['register without password', { type: 'register', name: 'alice' }, ErrorCode.BadMessage],
  [
    'login with a numeric password',
    { type: 'login', name: 'alice', password: 12345678 },
    ErrorCode.BadMessage,
  ],
  [
    'login with a huge password',
    { type: 'login', name: 'alice', password: 'p'.repeat(LIMITS.maxPasswordLength + 1) },
    ErrorCode.BadMessage,
  ],
  ['logout with a string flag', { type: 'logout', everywhere: 'yes' }, ErrorCode.BadMessage],
  ['read without seq', { type: 'read', target: 'dev' }, ErrorCode.BadMessage],
  ['read with a negative seq', { type: 'read', target: 'dev', seq: -1 }, ErrorCode.BadMessage],
  ['an unknown type', { type: 'shout', text: 'x' }, ErrorCode.UnknownType],
  ['a server-only type from a client', { type: 'welcome' }, ErrorCode.UnknownType],
  ['no type', { room: 'dev' }, ErrorCode.UnknownType],
  ['an array', [1, 2], ErrorCode.BadFrame],
  ['null', null, ErrorCode.BadFrame],
  ['a number', 42, ErrorCode.BadFrame],
];

describe('decodeClientMessage', () => {
  it.each(validClient.map((message) => [message.type, message] as const))(
    'accepts a valid %s',
    (_type, message) => {
      expect(decodeClientMessage(encodeClientMessage(message))).toEqual({ ok: true, message });
    },
  );

  it.each(invalidClient)('refuses %s with a stable code', (_name, value, code) => {
    const result = decodeClientMessage(JSON.stringify(value));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(5);
    }
  });

  it('refuses text that is not JSON', () => {
    for (const raw of ['', '{', 'hello', '{"type":"say",}', '\u0000']) {
      const result = decodeClientMessage(raw);
      expect(result).toMatchObject({ ok: false, error: { code: ErrorCode.BadFrame } });
    }
  });

  it('refuses binary frames that are not UTF-8', () => {
    expect(decodeClientMessage(new Uint8Array([0xff, 0xfe, 0x7b]))).toMatchObject({
      ok: false,
      error: { code: ErrorCode.BadFrame },
    });
  });

  it('accepts a UTF-8 frame given as bytes', () => {
    const bytes = new TextEncoder().encode('{"type":"say","room":"dev","text":"é","cid":"c"}');
    expect(decodeClientMessage(bytes)).toEqual({
      ok: true,
      message: { type: 'say', room: 'dev', text: 'é', cid: 'c' },
    });
  });

  it('refuses a frame over the size limit before parsing it', () => {
    const raw = JSON.stringify({ type: 'ping', pad: 'x'.repeat(LIMITS.maxFrameBytes) });
    expect(decodeClientMessage(raw)).toMatchObject({ ok: false, error: { code: ErrorCode.FrameTooLarge } });
    expect(decodeClientMessage(raw, { maxBytes: 10 * LIMITS.maxFrameBytes }).ok).toBe(true);
  });

  it('drops unknown fields, so newer clients can add optional ones', () => {
    const result = decodeClientMessage('{"type":"join","room":"dev","colour":"blue"}');
    expect(result).toEqual({ ok: true, message: { type: 'join', room: 'dev' } });
  });

  it('fills defaults: typing without `active` means active', () => {
    expect(decodeClientMessage('{"type":"typing","room":"dev"}')).toEqual({
      ok: true,
      message: { type: 'typing', room: 'dev', active: true },
    });
  });

  it('echoes the request ref on errors so clients can match them', () => {
    const result = decodeClientMessage('{"type":"say","room":"dev","ref":"r9"}');
    expect(result).toMatchObject({ ok: false, error: { code: ErrorCode.BadMessage, ref: 'r9' } });
  });

  it.each(['', 'r 9', 'x'.repeat(200), 'r\u00e9'])(
    'does not echo the invalid ref %j, so the error reply is itself a valid server message',
    (ref) => {
      const result = decodeClientMessage(JSON.stringify({ type: 'say', room: 'dev', ref }));
      expect(result).toMatchObject({ ok: false, error: { code: ErrorCode.BadMessage } });
      if (result.ok) return;
      expect(result.error.ref).toBeUndefined();
      const reply = { type: 'error', ...result.error };
      expect(decodeServerMessage(JSON.stringify(reply)).ok).toBe(true);
    },
  );

  it('names the offending field', () => {
    const result = decodeClientMessage('{"type":"say","room":"dev","text":"","cid":"c"}');
    expect(result.ok || result.error.message).toMatch(/text/);
  });

  it('never throws, whatever string arrives', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (raw) => {
        const result = decodeClientMessage(raw);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws, whatever JSON value arrives, and only accepts known types', () => {
    const known = new Set(validClient.map((message) => message.type));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            {
              type: fc.constantFrom(...known, 'x'),
              room: fc.jsonValue(),
              text: fc.jsonValue(),
              cid: fc.jsonValue(),
              nick: fc.jsonValue(),
              v: fc.jsonValue(),
            },
            { requiredKeys: ['type'] },
          ),
        ),
        (value) => {
          const result = decodeClientMessage(JSON.stringify(value));
          if (result.ok) expect(known.has(result.message.type)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

const nick = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/);
const room = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
const cid = fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/);
const text = fc.string({ minLength: 1, maxLength: 200 }).filter((s) => s.trim().length > 0);
const seq = fc.nat({ max: 1_000_000 });

/** Arbitrary valid client messages, one generator per type. */
const clientMessage: fc.Arbitrary<ClientMessage> = fc.oneof(
  fc.record({
    type: fc.constant('hello' as const),
    v: fc.constant(1),
    nick,
    rooms: fc.array(room, { maxLength: 5 }),
    resume: fc.dictionary(room, seq, { maxKeys: 3 }),
  }),
  fc.record({ type: fc.constant('join' as const), room, since: seq }, { requiredKeys: ['type', 'room'] }),
  fc.record({ type: fc.constant('leave' as const), room }),
  fc.record(
    { type: fc.constant('say' as const), room, text, cid, ref: cid },
    { requiredKeys: ['type', 'room', 'text', 'cid'] },
  ),
  fc.record({ type: fc.constant('action' as const), room, text, cid }),
  fc.record({ type: fc.constant('dm' as const), to: nick, text, cid }),
  fc.record({ type: fc.constant('typing' as const), room, active: fc.boolean() }),
  fc.record({ type: fc.constant('nick' as const), nick }),
  fc.record({ type: fc.constant('topic' as const), room, topic: fc.string({ maxLength: 100 }) }),
  fc.record(
    { type: fc.constant('away' as const), away: fc.boolean(), status: fc.string({ maxLength: 50 }) },
    { requiredKeys: ['type', 'away'] },
  ),
  fc.record({ type: fc.constant('rooms' as const) }),
  fc.record({ type: fc.constant('members' as const), room }),
  fc.record(
    {
      type: fc.constant('history' as const),
      target: fc.oneof(
        room,
        nick.map((n) => `@${n}`),
      ),
      before: seq,
      after: seq,
      limit: fc.integer({ min: 1, max: 1000 }),
    },
    { requiredKeys: ['type', 'target'] },
  ),
  fc.record({ type: fc.constant('ping' as const), t: fc.nat() }, { requiredKeys: ['type'] }),
  fc.record({
    type: fc.constant('register' as const),
    name: nick,
    password: fc.string({ minLength: 8, maxLength: 40 }),
  }),
  fc.record({ type: fc.constant('login' as const), name: nick, password: fc.string({ maxLength: 40 }) }),
  fc.record({ type: fc.constant('logout' as const), everywhere: fc.boolean() }),
  fc.record({ type: fc.constant('read' as const), target: room, seq }),
);

const chatMessage: fc.Arbitrary<ChatMessage> = fc.record(
  {
    type: fc.constant('message' as const),
    id: cid,
    seq,
    kind: fc.constantFrom('chat' as const, 'action' as const, 'dm' as const),
    room,
    from: nick,
    text,
    ts: fc.nat(),
    cid,
  },
  { requiredKeys: ['type', 'id', 'seq', 'kind', 'from', 'text', 'ts'] },
);

const serverMessage: fc.Arbitrary<ServerMessage> = fc.oneof(
  chatMessage,
  fc.record({
    type: fc.constant('joined' as const),
    room,
    topic: fc.string(),
    members: fc.array(fc.record({ nick, away: fc.boolean() })),
    seq,
    history: fc.array(chatMessage, { maxLength: 3 }),
    more: fc.boolean(),
  }),
  fc.record({ type: fc.constant('left' as const), room }),
  fc.record({
    type: fc.constant('resumed' as const),
    target: room,
    recovered: fc.boolean(),
    replayed: fc.nat(),
    seq,
  }),
  fc.record({
    type: fc.constant('presence' as const),
    room,
    event: fc.constantFrom(
      'join' as const,
      'leave' as const,
      'rename' as const,
      'away' as const,
      'back' as const,
    ),
    nick,
  }),
  fc.record({ type: fc.constant('typing' as const), room, nick, active: fc.boolean() }),
  fc.record({ type: fc.constant('ack' as const), cid, id: cid, seq, room, ts: fc.nat() }),
  fc.record({
    type: fc.constant('history' as const),
    target: room,
    messages: fc.array(chatMessage, { maxLength: 3 }),
    more: fc.boolean(),
  }),
  fc.record({ type: fc.constant('nick' as const), nick, from: nick }),
  fc.record({
    type: fc.constant('rooms' as const),
    rooms: fc.array(fc.record({ room, members: fc.nat(), topic: fc.string() })),
  }),
  fc.record({
    type: fc.constant('members' as const),
    room,
    members: fc.array(fc.record({ nick, away: fc.boolean(), status: fc.string() })),
  }),
  fc.record({ type: fc.constant('pong' as const), t: fc.nat() }),
  fc.record({
    type: fc.constant('error' as const),
    code: fc.constantFrom(...Object.values(ErrorCode)),
    message: fc.string(),
    ref: cid,
  }),
);

describe('encode and decode', () => {
  it('decode(encode(m)) is m for every valid client message', () => {
    fc.assert(
      fc.property(clientMessage, (message) => {
        expect(decodeClientMessage(encodeClientMessage(message))).toEqual({ ok: true, message });
      }),
      { numRuns: 2000 },
    );
  });

  it('decode(encode(m)) is m for every valid server message', () => {
    fc.assert(
      fc.property(serverMessage, (message) => {
        expect(decodeServerMessage(encodeServerMessage(message))).toEqual({ ok: true, message });
      }),
      { numRuns: 2000 },
    );
  });

  it('decodes a welcome with the limits in force', () => {
    const welcome: ServerMessage = {
      type: 'welcome',
      v: 1,
      session: 's1',
      nick: 'alice',
      server: { name: 'aurora-server', version: '0.1.0' },
      limits: { ...LIMITS, ratePerSecond: 2, burst: 5 },
    };
    expect(decodeServerMessage(encodeServerMessage(welcome))).toEqual({ ok: true, message: welcome });
  });

  it('server decoding never throws either', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(typeof decodeServerMessage(JSON.stringify(value)).ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('hostile nesting', () => {
  const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);
  const shapes: Array<[string, string]> = [
    ['a type of 4,000 nested arrays', `{"type":${nested(4000)}}`],
    ['a ref of nested objects', `{"type":"say","ref":${nested(4000, '{"a":', '}')}}`],
    ['nesting inside a known message', `{"type":"say","room":"dev","text":${nested(4000)}}`],
    ['a bare nested array', nested(20000)],
    ['unbalanced brackets', `{"type":${'['.repeat(9000)}`],
  ];

  it.each(shapes)('refuses %s with bad_frame, on both sides, without throwing', (_, frame) => {
    for (const decode of [decodeClientMessage, decodeServerMessage]) {
      const decoded = decode(frame);
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.error.code).toBe(ErrorCode.BadFrame);
    }
  });

  it('refuses a server frame past the client bound before parsing it', () => {
    const text = 'x'.repeat(MAX_SERVER_FRAME_BYTES);
    const frame = JSON.stringify({ type: 'pong', t: 1, pad: text });
    expect(decodeServerMessage(frame)).toMatchObject({ ok: false, error: { code: ErrorCode.FrameTooLarge } });
    expect(decodeServerMessage(JSON.stringify({ type: 'pong', t: 1 })).ok).toBe(true);
  });

  it('still reads brackets inside strings as text', () => {
    const text = '['.repeat(100) + '"\\"{'.repeat(50);
    const decoded = decodeClientMessage(JSON.stringify({ type: 'say', room: 'dev', text, cid: 'c1' }));
    expect(decoded).toMatchObject({ ok: true, message: { text } });
  });

  it('names a type that is not a string without stringifying it', () => {
    const decoded = decodeClientMessage(`{"type":${nested(20)}}`);
    expect(decoded).toMatchObject({ ok: false, error: { code: ErrorCode.UnknownType } });
  });

  it('answers every JSON value, however shaped, with a result and never an exception', () => {
    const anyJson = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'large', maxDepth: 60 },
        fc.jsonValue({ maxDepth: 2 }),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(
          fc.constantFrom('type', 'room', 'text', 'ref', 'cid', '__proto__', 'constructor'),
          tie('value'),
          { maxKeys: 3 },
        ),
      ),
    })).value;
    const withType = fc.record(
      { type: fc.oneof(fc.constantFrom('say', 'hello', 'welcome', 'message'), anyJson) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(anyJson, withType), (value) => {
        const frame = JSON.stringify(value) ?? 'null';
        for (const decode of [decodeClientMessage, decodeServerMessage]) {
          const decoded = decode(frame);
          expect(typeof decoded.ok).toBe('boolean');
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('names from the network that are also Object.prototype names', () => {
  it('keeps resume cursors for rooms called constructor, __proto__ and prototype', () => {
    const frame =
      '{"type":"hello","v":1,"nick":"a","resume":{"constructor":4,"__proto__":5,"prototype":6,"dev":7}}';
    const decoded = decodeClientMessage(frame);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok || decoded.message.type !== 'hello') return;
    const resume = decoded.message.resume ?? {};
    expect(Object.entries(resume)).toEqual([
      ['constructor', 4],
      ['__proto__', 5],
      ['prototype', 6],
      ['dev', 7],
    ]);
    expect(Object.getPrototypeOf(resume)).toBeNull();
  });

  it('still refuses a cursor that is not a sequence number, whatever its key', () => {
    const decoded = decodeClientMessage('{"type":"hello","v":1,"nick":"a","resume":{"__proto__":-1}}');
    expect(decoded).toMatchObject({ ok: false, error: { code: ErrorCode.BadMessage } });
  });
});
