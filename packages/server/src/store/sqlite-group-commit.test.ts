import type { ChatMessage } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { SqliteGroupCommit } from './sqlite-group-commit.js';
import { SqliteMembers } from './sqlite-members.js';
import { prepareRowInsert, type Row, rowOf } from './sqlite-rows.js';
import { openDatabase } from './sqlite-schema.js';
import { prepareIndexInsert } from './sqlite-search.js';
import { SqliteSequences } from './sqlite-sequences.js';
import { StoreError } from './store.js';

function setUp() {
  const { db } = openDatabase(undefined, true);
  const sequences = new SqliteSequences(db, undefined);
  const commits: number[] = [];
  const group = new SqliteGroupCommit({
    db,
    insertRow: prepareRowInsert(db),
    indexMessage: prepareIndexInsert(db),
    sequences,
    members: new SqliteMembers(db, undefined),
    checkpointer: undefined,
    onCommit: (seconds) => commits.push(seconds),
  });
  const stored = () => db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM messages').get()?.n;
  return { db, sequences, commits, group, stored };
}

function chatRow(seq: number, cid?: string): Row {
  const message: ChatMessage = {
    type: 'message',
    id: `m${seq}`,
    seq,
    kind: 'chat',
    room: 'dev',
    from: 'Alice',
    text: 'hi',
    ts: 1,
  };
  if (cid !== undefined) message.cid = cid;
  return rowOf(message, 'room:dev', null, 'alice');
}

describe('the SQLite group commit', () => {
  it('commits the appends of one turn in one transaction, and answers each after it', async () => {
    const { db, commits, group, stored } = setUp();
    const first = group.add(chatRow(1, 'c-1'), undefined, 'alice\u0000c-1');
    const second = group.add(chatRow(2), undefined, undefined);
    expect(group.inFlight('alice\u0000c-1')).toBe(first);
    expect(stored()).toBe(0);

    const results = await Promise.all([first, second]);
    expect(results.map((result) => [result.message.seq, result.duplicate])).toEqual([
      [1, false],
      [2, false],
    ]);
    expect(commits).toHaveLength(1);
    expect(stored()).toBe(2);
    expect(group.inFlight('alice\u0000c-1')).toBeUndefined();
    db.close();
  });

  it('rejects the whole batch when its transaction fails, and hands its seqs out again', async () => {
    const { db, sequences, group, stored } = setUp();
    const seq = sequences.next('room:dev');
    const kept = group.add(chatRow(seq), undefined, undefined);
    // The same seq twice: the primary key refuses the second row, and the transaction the first.
    const clash = group.add(chatRow(seq), undefined, undefined);
    await expect(kept).rejects.toBeInstanceOf(StoreError);
    await expect(clash).rejects.toThrow(/storage failed/);
    expect(stored()).toBe(0);
    expect(sequences.next('room:dev')).toBe(1);
    db.close();
  });

  it('resolves a flush once what waits is written', async () => {
    const { db, group, stored } = setUp();
    void group.add(chatRow(1), undefined, undefined);
    await group.flush();
    expect(stored()).toBe(1);
    db.close();
  });
});
