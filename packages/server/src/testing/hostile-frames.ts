import fc from 'fast-check';
import { handlers } from '../handlers/index.js';

/** A frame as a transport hands it over: text, raw bytes, or a binary message. */
export interface Frame {
  readonly data: string | Buffer;
  readonly isBinary: boolean;
}

const text = (data: string): Frame => ({ data, isBinary: false });

/** Every message type the server knows, so generated frames reach every handler. */
const TYPES = Object.keys(handlers);

/** The 8 KB frame that stopped the server: a `type` of 4000 nested arrays, sent before hello. */
export const NESTED_ARRAYS_FRAME = `{"type":${'['.repeat(4000)}${']'.repeat(4000)}}`;

/** Nesting deep enough to overflow any recursive walk: the frame that used to kill the server. */
const deeplyNested = fc
  .record({
    depth: fc.integer({ min: 33, max: 20_000 }),
    open: fc.constantFrom('[', '{"a":', '[{"b":'),
    where: fc.constantFrom('type', 'text', 'rooms', 'ref', 'top'),
    closed: fc.boolean(),
  })
  .map(({ depth, open, where, closed }) => {
    const close = open === '[' ? ']' : open === '{"a":' ? '}' : '}]';
    const nested = open.repeat(depth) + (open === '[' ? '' : '0') + (closed ? close.repeat(depth) : '');
    return text(where === 'top' ? nested : `{"type":"say","room":"dev","${where}":${nested}}`);
  });

/** A known type with fields of any shape: reaches schema validation and, when valid, the handler. */
const knownTypeWithAnyFields = fc
  .record({
    type: fc.constantFrom(...TYPES),
    fields: fc.dictionary(
      fc.constantFrom(
        'room',
        'rooms',
        'text',
        'nick',
        'v',
        'ref',
        'cid',
        'target',
        'to',
        'password',
        'query',
        'limit',
        't',
        'x',
      ),
      fc.jsonValue({ maxDepth: 4 }),
    ),
  })
  .map(({ type, fields }) => text(JSON.stringify({ ...fields, type })));

/** Well-formed requests with hostile values: these pass the schema and run the handlers. */
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.constantFrom('dev', 'constructor', '__proto__', 'toString', 'alice', '@alice', '#dev', ''),
);
const wellFormedRequest = fc
  .oneof(
    fc.record({ type: fc.constant('join'), rooms: fc.array(hostileString, { maxLength: 3 }) }),
    fc.record({ type: fc.constant('leave'), room: hostileString }),
    fc.record({
      type: fc.constantFrom('say', 'action'),
      room: hostileString,
      text: hostileString,
      cid: hostileString,
    }),
    fc.record({ type: fc.constant('dm'), to: hostileString, text: hostileString, cid: hostileString }),
    fc.record({ type: fc.constant('history'), target: hostileString, before: fc.integer() }),
    fc.record({
      type: fc.constant('search'),
      query: fc.oneof(
        hostileString,
        fc.constantFrom('"unbalanced', 'a* OR (b NEAR c)', 'in:@', 'from:', 'before:2026-13-45', 'x:y', '東'),
      ),
      limit: fc.integer({ min: 1, max: 100 }),
      before: fc.integer({ min: 1 }),
    }),
    fc.record({
      type: fc.constantFrom('members', 'topic', 'typing'),
      room: hostileString,
      text: hostileString,
    }),
    fc.record({ type: fc.constantFrom('nick', 'hello'), nick: hostileString, v: fc.constantFrom(1, 2) }),
    fc.record({ type: fc.constantFrom('login', 'register'), name: hostileString, password: hostileString }),
    fc.record({
      type: fc.constantFrom('read', 'away', 'rooms', 'logout'),
      target: hostileString,
      seq: fc.integer(),
    }),
  )
  .map((message) => text(JSON.stringify(message)));

/** Any frame at all, of every shape: for fuzzing the server's decode and dispatch. */
export const anyFrame: fc.Arbitrary<Frame> = fc.oneof(
  fc.jsonValue({ maxDepth: 8 }).map((value) => text(JSON.stringify(value))),
  { arbitrary: knownTypeWithAnyFields, weight: 2 },
  { arbitrary: wellFormedRequest, weight: 4 },
  deeplyNested,
  fc.string({ unit: 'binary', maxLength: 300 }).map(text),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ data: Buffer.from(bytes), isBinary: false })),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ data: Buffer.from(bytes), isBinary: true })),
  fc.constant(text(NESTED_ARRAYS_FRAME)),
);
