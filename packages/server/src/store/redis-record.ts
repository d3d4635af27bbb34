import { type ChatMessage, encodeServerMessage, type MessageKind } from 'aurora-protocol';
import type { NewMessage } from './store.js';

// How the Redis store keeps one message: a sorted-set member scored by seq, holding a header the
// queries need (who sent it to whom, when, with which cid) and then the frame exactly as clients get it:
//
//   fromKey \n toKey \n kind \n ts \n cid \n frame
//
// Canonical names, kinds, numbers and cids (printable ASCII) never contain a line break, and a JSON
// frame never holds a raw one, so the layout is unambiguous; Lua scripts read the header with
// `string.match`.

/** A stored message with the header fields the queries filter on. */
export interface StoredRecord {
  readonly fromKey: string;
  readonly toKey: string;
  readonly kind: MessageKind;
  readonly ts: number;
  readonly message: ChatMessage;
}

/** The message an append will store, with seq 0 until Redis assigns it (same field order as SQLite's). */
export function pendingMessage(input: NewMessage, id: string, ts: number): ChatMessage {
  return {
    type: 'message',
    id,
    seq: 0,
    kind: input.kind,
    ...(input.room === undefined ? {} : { room: input.room }),
    ...(input.to === undefined ? {} : { to: input.to }),
    from: input.from,
    ...(input.fromAccount ? { account: true } : {}),
    ...(input.fromBot ? { bot: true } : {}),
    text: input.text,
    ts,
    ...(input.cid === undefined ? {} : { cid: input.cid }),
    ...(input.event === undefined ? {} : { event: input.event }),
    ...(input.replyTo === undefined ? {} : { replyTo: input.replyTo }),
  };
}

/**
 * Encodes a pending message and splits the frame around its seq: the append script joins
 * `head .. seq .. tail`, so the seq Redis assigns lands in a frame encoded once, here.
 */
export function splitFrame(message: ChatMessage): { head: string; tail: string } {
  const frame = encodeServerMessage(message);
  const head = `{"type":"message","id":${JSON.stringify(message.id)},"seq":`;
  if (!frame.startsWith(`${head}0,`)) throw new Error('a message frame must start with type, id and seq');
  return { head, tail: frame.slice(head.length + 1) };
}

/** The header stored in front of a message's frame. */
export function recordHeader(input: NewMessage, ts: number): string {
  return `${input.fromKey}\n${input.toKey ?? ''}\n${input.kind}\n${ts}\n${input.cid ?? ''}\n`;
}

/** The field of a target's cid hash that makes a retry idempotent. */
export function cidField(input: NewMessage): string {
  return input.cid === undefined ? '' : `${input.fromKey}\n${input.cid}`;
}

/** The header in front of a stored member's frame (kept when the message's state is replaced). */
export function headerOf(member: string): string {
  let end = -1;
  for (let i = 0; i < 5; i++) end = member.indexOf('\n', end + 1);
  return member.slice(0, end + 1);
}

/** Reads a stored member back. */
export function decodeRecord(member: string): StoredRecord {
  const fields: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const end = member.indexOf('\n', start);
    fields.push(member.slice(start, end));
    start = end + 1;
  }
  const [fromKey = '', toKey = '', kind = 'chat', ts = '0'] = fields;
  // The frame was encoded from a ChatMessage by this store; it is trusted.
  const message = JSON.parse(member.slice(start)) as ChatMessage;
  return { fromKey, toKey, kind: kind as MessageKind, ts: Number(ts), message };
}
