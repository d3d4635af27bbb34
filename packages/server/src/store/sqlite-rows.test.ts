import type { ChatMessage } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { prepareRowInsert, type Row, rowOf, toMessage } from './sqlite-rows.js';
import { openDatabase } from './sqlite-schema.js';

describe('message rows', () => {
  it('read back as the message stored, with its fields in the wire order', () => {
    const { db } = openDatabase(undefined, true);
    const insert = prepareRowInsert(db);
    const read = db.prepare<[string, number], Row>('SELECT * FROM messages WHERE target = ? AND seq = ?');
    const reply: ChatMessage = {
      type: 'message',
      id: 'm2',
      seq: 2,
      kind: 'chat',
      room: 'dev',
      from: 'Alice',
      account: true,
      bot: true,
      text: 'agreed',
      ts: 1000,
      cid: 'c-2',
      replyTo: 1,
    };
    const direct: ChatMessage = {
      type: 'message',
      id: 'm3',
      seq: 1,
      kind: 'dm',
      to: 'Bob',
      from: 'Alice',
      text: 'psst',
      ts: 1001,
    };
    insert(rowOf(reply, 'room:dev', null, 'alice'));
    insert(rowOf(direct, 'dm:alice:bob', 'bob', 'alice'));

    const storedReply = toMessage(read.get('room:dev', 2)!);
    const storedDirect = toMessage(read.get('dm:alice:bob', 1)!);
    expect(storedReply).toEqual(reply);
    expect(Object.keys(storedReply)).toEqual(Object.keys(reply));
    expect(storedDirect).toEqual(direct);
    expect(Object.keys(storedDirect)).toEqual(Object.keys(direct));
    db.close();
  });
});
