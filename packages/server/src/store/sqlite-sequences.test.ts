import { describe, expect, it } from 'vitest';
import { openDatabase } from './sqlite-schema.js';
import { SqliteSequences } from './sqlite-sequences.js';

describe('SQLite sequences', () => {
  it('hand out seqs in order, and re-read a forgotten target from what was stored', () => {
    const { db } = openDatabase(undefined, true);
    const sequences = new SqliteSequences(db, undefined);
    expect(sequences.next('room:dev')).toBe(1);
    expect(sequences.next('room:dev')).toBe(2);
    // Neither was stored (a failed commit): the next append takes 1 again.
    sequences.forget('room:dev');
    expect(sequences.next('room:dev')).toBe(1);
    db.close();
  });

  it('keep a recorded seq after its messages are gone, so seqs never repeat', () => {
    const { db } = openDatabase(undefined, true);
    const sequences = new SqliteSequences(db, undefined);
    sequences.committed('room:dev', 7);
    sequences.record();

    const restarted = new SqliteSequences(db, undefined);
    expect(restarted.bounds('room:dev')).toEqual({ first: 8, last: 7 });
    expect(restarted.next('room:dev')).toBe(8);
    db.close();
  });
});
