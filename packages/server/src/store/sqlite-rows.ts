import type { ChatMessage } from 'aurora-protocol';
import type Database from 'better-sqlite3';
import { lifecycleOf } from './message-state.js';

/** A row of the messages table: what the store, its accounts and its search read back. */
export interface Row {
  target: string;
  seq: number;
  id: string;
  kind: ChatMessage['kind'];
  room: string | null;
  to_nick: string | null;
  to_key: string | null;
  from_nick: string;
  from_key: string;
  text: string;
  ts: number;
  cid: string | null;
  event: string | null;
  /** 1 when the sender was logged in to the account of that name. */
  from_account: number | null;
  /** 1 when an incoming webhook posted it. */
  from_bot: number | null;
  /** The search document number; null for system notices and events (not indexed), and deleted messages. */
  doc: number | null;
  /** On events: the seq of the message they change. */
  about: number | null;
  /** The lifecycle fields of the message (`lifecycleOf`) as JSON; null for a message never changed. */
  detail: string | null;
}

/** A row's columns in the order of the insert statement. */
type RowValues = [
  target: string,
  seq: number,
  id: string,
  kind: string,
  room: string | null,
  to_nick: string | null,
  to_key: string | null,
  from_nick: string,
  from_key: string,
  text: string,
  ts: number,
  cid: string | null,
  event: string | null,
  from_account: number | null,
  from_bot: number | null,
  doc: number | null,
  about: number | null,
  detail: string | null,
];

/** A stored row as the wire message. */
export function toMessage(row: Row): ChatMessage {
  // In the wire order, the optional fields only when present, and no spread temporaries: this runs
  // for every message stored.
  const message = { type: 'message', id: row.id, seq: row.seq, kind: row.kind } as ChatMessage;
  if (row.room !== null) message.room = row.room;
  if (row.to_nick !== null) message.to = row.to_nick;
  message.from = row.from_nick;
  if (row.from_account === 1) message.account = true;
  if (row.from_bot === 1) message.bot = true;
  message.text = row.text;
  message.ts = row.ts;
  if (row.cid !== null) message.cid = row.cid;
  if (row.event !== null) message.event = JSON.parse(row.event);
  if (row.detail !== null) Object.assign(message, JSON.parse(row.detail));
  return message;
}

/** The row an event (or any message built whole) is stored as. */
export function rowOf(message: ChatMessage, target: string, toKey: string | null, fromKey: string): Row {
  const detail = lifecycleOf(message);
  return {
    target,
    seq: message.seq,
    id: message.id,
    kind: message.kind,
    room: message.room ?? null,
    to_nick: message.to ?? null,
    to_key: toKey,
    from_nick: message.from,
    from_key: fromKey,
    text: message.text,
    ts: message.ts,
    cid: message.cid ?? null,
    event: message.event === undefined ? null : JSON.stringify(message.event),
    from_account: message.account ? 1 : null,
    from_bot: message.bot ? 1 : null,
    doc: null,
    about: message.about ?? null,
    detail: Object.keys(detail).length === 0 ? null : JSON.stringify(detail),
  };
}

/** Prepares the one insert of a row, shared by appends and change events so the two cannot drift. */
export function prepareRowInsert(db: Database.Database): (row: Row) => void {
  const insert = db.prepare<RowValues>(
    `INSERT INTO messages (target, seq, id, kind, room, to_nick, to_key, from_nick, from_key, text, ts, cid, event, from_account, from_bot, doc, about, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (row) => {
    // Positional values: binding an object by names costs a property lookup per column.
    insert.run(
      row.target,
      row.seq,
      row.id,
      row.kind,
      row.room,
      row.to_nick,
      row.to_key,
      row.from_nick,
      row.from_key,
      row.text,
      row.ts,
      row.cid,
      row.event,
      row.from_account,
      row.from_bot,
      row.doc,
      row.about,
      row.detail,
    );
  };
}
