import { checkNick, checkRoom } from 'aurora-protocol';
import { type RemoteKeyed, remoteKeyed } from './remote-keyed.js';
import { dmTarget } from './targets.js';

/**
 * Where a reader of a stream stands: the last `seq` it has seen per target, a room (`dev`) or a
 * direct conversation (`@bob`). It is what `hello.resume` sends, so a script that saved it resumes as
 * a reconnecting client does: nothing skipped, nothing twice.
 */
export type StreamPositions = RemoteKeyed<number>;

/** The version inside every cursor; a cursor of another version is refused, never half read. */
export const CURSOR_VERSION = 1;

/** Longest cursor accepted: far above 64 rooms and a few hundred conversations, far below harm. */
const MAX_CURSOR_LENGTH = 64 * 1024;

/** A decoded cursor, or why it is not one (a sentence for people). */
export type CursorDecoding =
  | { readonly ok: true; readonly positions: StreamPositions }
  | { readonly ok: false; readonly problem: string };

/**
 * The cursor of `positions`: base64url (no padding) of `{"v":1,"p":{target: seq}}` with targets in
 * sorted order, so equal positions always give the same text. Opaque to scripts: they store it and
 * hand it back, never build one.
 */
export function encodeCursor(positions: StreamPositions): string {
  const sorted = Object.keys(positions).sort();
  const p = Object.fromEntries(sorted.map((target) => [target, positions[target]]));
  return toBase64Url(asciiJson({ v: CURSOR_VERSION, p }));
}

/**
 * Reads a cursor made by {@link encodeCursor}. Anything else (cut short, edited, another version, a
 * target that is no room or `@name`, a seq that is no whole number from 0) is refused with a reason:
 * resuming from a cursor half understood would skip or repeat messages without saying so.
 */
export function decodeCursor(text: string): CursorDecoding {
  if (text.length === 0) return refuse('it is empty');
  if (text.length > MAX_CURSOR_LENGTH) return refuse(`it is longer than ${MAX_CURSOR_LENGTH} characters`);
  const json = fromBase64Url(text);
  if (json === undefined) return refuse('it is not base64url');
  let value: unknown;
  // Cursors hold ASCII JSON only: anything else was not made here.
  if (!/^[\x20-\x7e]*$/.test(json)) return refuse('it does not hold a cursor (cut short or edited?)');
  try {
    value = JSON.parse(json);
  } catch {
    return refuse('it does not hold a cursor (cut short or edited?)');
  }
  // Checked by hand rather than by a schema: this is no wire type, and its keys come from the
  // network (room and person names), so they go straight into a record without a prototype.
  if (!isPlainObject(value) || !isPlainObject(value.p)) return refuse('it does not hold a cursor');
  if (value.v !== CURSOR_VERSION)
    return refuse(`it is of version ${JSON.stringify(value.v)}; this client reads version ${CURSOR_VERSION}`);
  const entries: [string, number][] = [];
  const places = new Set<string>();
  for (const [target, seq] of Object.entries(value.p)) {
    if (!isTarget(target)) return refuse(`${JSON.stringify(target)} is no room or @name`);
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0)
      return refuse(`the position of ${JSON.stringify(target)} is not a whole number from 0`);
    const place = target.startsWith('@') ? dmTarget(target.slice(1)) : target;
    if (places.has(place)) return refuse(`it names the conversation ${JSON.stringify(target)} twice`);
    places.add(place);
    entries.push([target, seq]);
  }
  return { ok: true, positions: remoteKeyed(entries) };
}

/**
 * True for a target as cursors name them: a room name as `checkRoom` gives it, or `@` and a name as
 * the server spells it (`@Bob`). Names are kept as spelt, not in canonical form: that form may be
 * no valid name (`ßß` folds to `ssss`, past the length limit), and the server is sent the name.
 */
function isTarget(target: string): boolean {
  if (target.startsWith('@')) {
    const nick = checkNick(target.slice(1));
    return nick.ok && nick.name === target.slice(1);
  }
  const room = checkRoom(target);
  return room.ok && room.name === target;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(why: string): CursorDecoding {
  return { ok: false, problem: `not a cursor this client made: ${why}` };
}

/**
 * JSON with every character outside printable ASCII as a `\uXXXX` escape, so the text is its own
 * bytes: base64 of it needs no UTF-8 encoder (the engine is built without runtime-specific types).
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[^\x20-\x7e]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function toBase64Url(ascii: string): string {
  return btoa(ascii).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The text of unpadded base64url; undefined when it is not that. */
function fromBase64Url(text: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) return undefined;
  return atob(text.replace(/-/g, '+').replace(/_/g, '/'));
}
