import type { ChatMessage } from 'aurora-protocol';
import type { NewChange } from './store.js';

// What both stores share about keeping messages that change: the event an edit, delete or reaction is
// stored as, and one field order for a message's current state, so a state written by either store
// reads back with the same keys in the same order (and `rev` last, where Redis splices in the seq).

/** The fields a message gains over its life, in the order they are stored (after `event`). */
export const LIFECYCLE_FIELDS = [
  'replyTo',
  'about',
  'emoji',
  'on',
  'edited',
  'deleted',
  'reactions',
  'rev',
] as const satisfies readonly (keyof ChatMessage)[];

/** The message with its fields in the stored order (the wire order of `ChatMessage`). */
export function inStoredOrder(message: ChatMessage): ChatMessage {
  const ordered = { type: 'message', id: message.id, seq: message.seq, kind: message.kind } as ChatMessage;
  if (message.room !== undefined) ordered.room = message.room;
  if (message.to !== undefined) ordered.to = message.to;
  ordered.from = message.from;
  if (message.account !== undefined) ordered.account = message.account;
  if (message.bot !== undefined) ordered.bot = message.bot;
  ordered.text = message.text;
  ordered.ts = message.ts;
  if (message.cid !== undefined) ordered.cid = message.cid;
  if (message.event !== undefined) ordered.event = message.event;
  Object.assign(ordered, lifecycleOf(message));
  return ordered;
}

/** The lifecycle fields a message has, in the stored order; empty for a message never changed. */
export function lifecycleOf(message: ChatMessage): Partial<ChatMessage> {
  const fields: Partial<Record<(typeof LIFECYCLE_FIELDS)[number], unknown>> = {};
  for (const name of LIFECYCLE_FIELDS) if (message[name] !== undefined) fields[name] = message[name];
  return fields as Partial<ChatMessage>;
}

/** The event message a change is stored as. */
export function eventMessage(change: NewChange, id: string, seq: number, ts: number): ChatMessage {
  return inStoredOrder({
    type: 'message',
    id,
    seq,
    kind: change.kind,
    ...(change.room === undefined ? {} : { room: change.room }),
    ...(change.to === undefined ? {} : { to: change.to }),
    from: change.from,
    ...(change.fromAccount ? { account: true } : {}),
    text: change.text ?? '',
    ts,
    about: change.about,
    ...(change.emoji === undefined ? {} : { emoji: change.emoji }),
    ...(change.on === undefined ? {} : { on: change.on }),
  });
}
