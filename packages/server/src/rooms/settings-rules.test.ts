import { ErrorCode } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { refusal, type Standing } from './roles.js';
import {
  admittedByRole,
  effectiveSettings,
  maySpeakModerated,
  modeChange,
  modeRefusal,
} from './settings-rules.js';

const member: Standing = { admin: false, account: true };
const guest: Standing = { admin: false, account: false };
const voiced: Standing = { role: 'voice', admin: false, account: true };
const operator: Standing = { role: 'operator', admin: false, account: true };
const owner: Standing = { role: 'owner', admin: false, account: true };
const admin: Standing = { admin: true, account: true };
const inRoom = (actor: Standing, target: Standing) => ({
  actor,
  target,
  self: false,
  owners: 1,
  room: 'dev',
});

describe('room settings rules', () => {
  it('reads a room never set as open, with its topic protected when it has an owner', () => {
    const none = { moderated: false, inviteOnly: false, private: false, password: false };
    expect(effectiveSettings({}, true)).toEqual({ ...none, topicProtected: true });
    expect(effectiveSettings({}, false)).toEqual({ ...none, topicProtected: false });
    expect(effectiveSettings({ topicProtected: false, passwordHash: 'h' }, true)).toEqual({
      ...none,
      topicProtected: false,
      password: true,
    });
  });

  it('lets operators, owners and admins change settings, and no one else', () => {
    for (const actor of [operator, owner, admin]) expect(modeRefusal(actor, 'dev')).toBeUndefined();
    for (const actor of [member, voiced, guest])
      expect(modeRefusal(actor, 'dev')?.code).toBe(ErrorCode.NotOperator);
  });

  it('lets operators and voiced people speak in a moderated room, and admits only operators without an invite', () => {
    expect([admin, owner, operator, voiced, member, guest].map(maySpeakModerated)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect([admin, owner, operator, voiced, member].map(admittedByRole)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('says only what changed, and a new password as turned on', () => {
    const { change, changed } = modeChange(
      { moderated: true },
      true,
      { moderated: true, inviteOnly: true, topicProtected: false, password: 'x' },
      'scrypt$h',
    );
    expect(change).toEqual({
      moderated: true,
      inviteOnly: true,
      topicProtected: false,
      passwordHash: 'scrypt$h',
    });
    expect(changed).toEqual([
      { setting: 'inviteOnly', on: true },
      { setting: 'topicProtected', on: false },
      { setting: 'password', on: true },
    ]);
    const removed = modeChange(
      { passwordHash: 'scrypt$h' },
      true,
      { password: null, private: false },
      undefined,
    );
    expect(removed.change).toEqual({ private: false, passwordHash: null });
    expect(removed.changed).toEqual([{ setting: 'password', on: false }]);
    expect(modeChange({}, false, { password: null }, undefined).changed).toEqual([]);
  });

  it('lets operators invite and voice accounts only, and take both back', () => {
    expect(refusal('invite', inRoom(operator, member))).toBeUndefined();
    expect(refusal('voice', inRoom(operator, member))).toBeUndefined();
    expect(refusal('invite', inRoom(operator, guest))?.message).toContain(
      'only registered accounts can be invited',
    );
    expect(refusal('voice', inRoom(operator, guest))?.code).toBe(ErrorCode.NoSuchTarget);
    expect(refusal('uninvite', inRoom(operator, guest))).toBeUndefined();
    expect(refusal('devoice', inRoom(owner, member))).toBeUndefined();
    for (const action of ['invite', 'uninvite', 'voice', 'devoice'] as const)
      expect(refusal(action, inRoom(voiced, member))?.code).toBe(ErrorCode.NotOperator);
  });
});
