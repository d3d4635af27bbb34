import { describe, expect, it, vi } from 'vitest';
import { SqliteMembers } from './sqlite-members.js';
import { openDatabase } from './sqlite-schema.js';

describe('remembered room members', () => {
  it('count changes not written yet, the last change of a person winning', () => {
    const { db } = openDatabase(undefined, true);
    const members = new SqliteMembers(db, undefined);
    members.change('dev', 'alice', 'Alice');
    expect(members.isRemembered('dev', 'alice')).toBe(true);
    members.change('dev', 'alice', null);
    members.change('dev', 'bob', 'Bob');
    expect(members.isRemembered('dev', 'alice')).toBe(false);
    expect(members.waiting).toBe(true);

    expect(members.all()).toEqual([{ room: 'dev', key: 'bob', nick: 'Bob' }]);
    expect(members.waiting).toBe(false);
    expect(new SqliteMembers(db, undefined).isRemembered('dev', 'bob')).toBe(true);
    db.close();
  });

  it('log a failed write instead of throwing it at the commit that carries messages', () => {
    const { db } = openDatabase(undefined, true);
    const warn = vi.fn();
    const members = new SqliteMembers(db, { warn });
    db.exec('DROP TABLE members');
    members.change('dev', 'alice', 'Alice');
    members.write();
    expect(warn).toHaveBeenCalledWith('storing room members failed', { error: expect.any(String) });
    expect(members.waiting).toBe(false);
    db.close();
  });
});
