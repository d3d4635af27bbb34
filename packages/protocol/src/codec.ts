import * as v from 'valibot';
import { ErrorCode } from './errors.js';
import { LIMITS, utf8Length } from './limits.js';
import { ClientMessage, type ClientMessageInput } from './schema/client.js';
import { ClientId } from './schema/common.js';
import { ServerMessage } from './schema/server.js';

/** Why a frame could not be decoded: a stable code, a sentence, and the request's `ref` if readable. */
export interface DecodeError {
  readonly code:
    | typeof ErrorCode.BadFrame
    | typeof ErrorCode.FrameTooLarge
    | typeof ErrorCode.UnknownType
    | typeof ErrorCode.BadMessage;
  readonly message: string;
  readonly ref?: string;
}

/** The outcome of decoding one frame. */
export type Decoded<T> =
  | { readonly ok: true; readonly message: T }
  | { readonly ok: false; readonly error: DecodeError };

/** Options for decoding. */
export interface DecodeOptions {
  /** Largest frame accepted, in bytes; defaults to `LIMITS.maxFrameBytes`. */
  readonly maxBytes?: number;
}

/**
 * The message types of a union, built on first use: built when the module loads, they would keep
 * the other side's schemas in a bundle that never decodes them (the browser decodes server frames).
 */
function lazyTypes(union: {
  readonly options: readonly { entries: { type: { literal: string } } }[];
}): () => ReadonlySet<string> {
  let types: ReadonlySet<string> | undefined;
  return () => {
    types ??= new Set(union.options.map((option) => typeOf(option)));
    return types;
  };
}

const clientTypes = /* @__PURE__ */ lazyTypes(ClientMessage);
const serverTypes = /* @__PURE__ */ lazyTypes(ServerMessage);

/**
 * Decodes a frame a client sent. Never throws. Rules: the frame must be a JSON object of at most
 * `maxBytes`; an unknown `type` is `unknown_type`; a known type with a missing or invalid field is
 * `bad_message`; unknown fields are dropped, so newer clients can add optional fields.
 */
export function decodeClientMessage(
  raw: string | Uint8Array,
  options: DecodeOptions = {},
): Decoded<ClientMessage> {
  return decodeWith(ClientMessage, clientTypes(), raw, options.maxBytes ?? LIMITS.maxFrameBytes);
}

/**
 * Largest frame a client decodes from a server, in bytes: the biggest real frame is a full page of
 * history (`historyPageMax` messages of `maxTextBytes`, about 5 MiB with their fields), so this leaves
 * room for a server configured looser while refusing a frame that only a broken or hostile one sends.
 */
export const MAX_SERVER_FRAME_BYTES = 16 * 1024 * 1024;

/**
 * Decodes a frame the server sent, under the same rules, of at most `MAX_SERVER_FRAME_BYTES` unless
 * `maxBytes` says otherwise. Never throws.
 */
export function decodeServerMessage(
  raw: string | Uint8Array,
  options: DecodeOptions = {},
): Decoded<ServerMessage> {
  return decodeWith(ServerMessage, serverTypes(), raw, options.maxBytes ?? MAX_SERVER_FRAME_BYTES);
}

/** Encodes a client message as a frame; the inverse of {@link decodeClientMessage}. */
export function encodeClientMessage(message: ClientMessageInput): string {
  return JSON.stringify(message);
}

/** Encodes a server message as a frame; the inverse of {@link decodeServerMessage}. */
export function encodeServerMessage(message: ServerMessage): string {
  return JSON.stringify(message);
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Deepest nesting of arrays and objects a frame may have. The deepest real frame is about six
 * levels; a bound keeps recursive work (validation, error messages, `String()` of a value) from
 * overflowing the stack on a hostile frame such as thousands of nested arrays.
 */
export const MAX_FRAME_DEPTH = 32;

/**
 * True when `text` nests arrays and objects deeper than `limit`, found by one linear scan that
 * skips string contents, so it costs no recursion whatever the input.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // a backslash escapes the next character, a quote included
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > limit) return true;
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return false;
}

function decodeWith<T>(
  schema: v.GenericSchema<unknown, T>,
  knownTypes: ReadonlySet<string>,
  raw: string | Uint8Array,
  maxBytes: number,
): Decoded<T> {
  const size = typeof raw === 'string' ? utf8Length(raw) : raw.byteLength;
  if (size > maxBytes)
    return failure(ErrorCode.FrameTooLarge, `frame is ${size} bytes; the limit is ${maxBytes}`);
  let text: string;
  try {
    text = typeof raw === 'string' ? raw : decoder.decode(raw);
  } catch {
    return failure(ErrorCode.BadFrame, 'frame is not valid UTF-8');
  }
  if (nestsDeeperThan(text, MAX_FRAME_DEPTH))
    return failure(ErrorCode.BadFrame, `frame nests deeper than ${MAX_FRAME_DEPTH} levels`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return failure(ErrorCode.BadFrame, 'frame is not valid JSON');
  }
  try {
    return validate(schema, knownTypes, json);
  } catch {
    // Validation is bounded by the depth check above; this is the last line of "never throws".
    return failure(ErrorCode.BadFrame, 'frame could not be decoded');
  }
}

function validate<T>(
  schema: v.GenericSchema<unknown, T>,
  knownTypes: ReadonlySet<string>,
  json: unknown,
): Decoded<T> {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return failure(ErrorCode.BadFrame, 'frame is not a JSON object');
  const record = json as Record<string, unknown>;
  // Echoed in the error reply only when it is a valid id: the reply must pass the same schemas.
  const ref = v.is(ClientId, record.ref) ? record.ref : undefined;
  if (typeof record.type !== 'string' || !knownTypes.has(record.type))
    return failure(ErrorCode.UnknownType, `unknown message type ${describeType(record.type)}`, ref);
  const result = v.safeParse(schema, json);
  if (result.success) return { ok: true, message: result.output };
  return failure(ErrorCode.BadMessage, describeIssue(record.type, result.issues[0]), ref);
}

function failure(
  code: DecodeError['code'],
  message: string,
  ref?: string,
): { ok: false; error: DecodeError } {
  return { ok: false, error: ref === undefined ? { code, message } : { code, message, ref } };
}

function describeIssue(type: string, issue: v.BaseIssue<unknown> | undefined): string {
  if (!issue) return `invalid ${type} message`;
  const path = v.getDotPath(issue);
  return path
    ? `invalid ${type} message: ${path}: ${issue.message}`
    : `invalid ${type} message: ${issue.message}`;
}

function describeType(type: unknown): string {
  return typeof type === 'string'
    ? JSON.stringify(type.slice(0, 80))
    : `of JSON type ${Array.isArray(type) ? 'array' : type === null ? 'null' : typeof type}`;
}

function typeOf(option: { entries: { type: { literal: string } } }): string {
  return option.entries.type.literal;
}
