import { ErrorCode } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { type ActionCase, rank, refusal, type Standing, shownRole, topicRefusal } from './roles.js';

const member: Standing = { admin: false, account: true };
const guest: Standing = { admin: false, account: false };
const operator: Standing = { role: 'operator', admin: false, account: true };
const owner: Standing = { role: 'owner', admin: false, account: true };
const admin: Standing = { admin: true, account: true };

const inRoom = (actor: Standing, target: Standing, extra: Partial<ActionCase> = {}): ActionCase => ({
  actor,
  target,
  self: false,
  owners: 1,
  room: 'dev',
  ...extra,
});
const code = (r: ReturnType<typeof refusal>) => r?.code;

describe('permission rules', () => {
  it('ranks admins over owners over operators over members, and shows admins as such', () => {
    expect([admin, owner, operator, member].map(rank)).toEqual([3, 2, 1, 0]);
    expect(shownRole({ ...owner, admin: true })).toBe('admin');
    expect(shownRole(operator)).toBe('operator');
    expect(shownRole(member)).toBeUndefined();
    const voiced: Standing = { role: 'voice', admin: false, account: true };
    expect(shownRole(voiced)).toBe('voice');
    expect(rank(voiced)).toBe(0);
  });

  it('lets operators kick, ban and mute members and operators, and members nobody', () => {
    for (const action of ['kick', 'ban', 'mute', 'unban', 'unmute'] as const) {
      expect(refusal(action, inRoom(operator, guest))).toBeUndefined();
      expect(refusal(action, inRoom(operator, operator))).toBeUndefined();
      expect(code(refusal(action, inRoom(member, guest)))).toBe(ErrorCode.NotOperator);
    }
  });

  it('protects owners and admins from operators, and everyone from acting on themselves', () => {
    expect(code(refusal('kick', inRoom(operator, owner)))).toBe(ErrorCode.TargetProtected);
    expect(code(refusal('ban', inRoom(owner, admin)))).toBe(ErrorCode.TargetProtected);
    expect(code(refusal('ban', inRoom(owner, owner, { self: true })))).toBe(ErrorCode.TargetProtected);
    expect(refusal('ban', inRoom(admin, owner))).toBeUndefined();
  });

  it('lets owners (and admins) give and take operator, to accounts only, never from the last owner', () => {
    expect(refusal('op', inRoom(owner, member))).toBeUndefined();
    expect(refusal('deop', inRoom(admin, operator))).toBeUndefined();
    expect(code(refusal('op', inRoom(operator, member)))).toBe(ErrorCode.NotOwner);
    expect(code(refusal('op', inRoom(owner, guest)))).toBe(ErrorCode.NoSuchTarget);
    expect(code(refusal('deop', inRoom(owner, owner, { self: true })))).toBe(ErrorCode.TargetProtected);
    expect(code(refusal('deop', inRoom(admin, owner)))).toBe(ErrorCode.TargetProtected);
    expect(refusal('deop', inRoom(admin, owner, { owners: 2 }))).toBeUndefined();
    expect(code(refusal('deop', inRoom(owner, owner, { owners: 2 })))).toBe(ErrorCode.TargetProtected);
  });

  it('keeps kill and server-wide bans to admins, who cannot act on one another', () => {
    const server = { room: undefined };
    expect(refusal('kill', inRoom(admin, member, server))).toBeUndefined();
    expect(refusal('ban', inRoom(admin, guest, server))).toBeUndefined();
    expect(code(refusal('kill', inRoom(owner, member, server)))).toBe(ErrorCode.NotAdmin);
    expect(code(refusal('ban', inRoom(owner, member, server)))).toBe(ErrorCode.NotAdmin);
    expect(code(refusal('kill', inRoom(admin, admin, server)))).toBe(ErrorCode.TargetProtected);
    expect(code(refusal('kick', inRoom(admin, member, server)))).toBe(ErrorCode.RoomInvalid);
  });

  it('protects the topic of owned rooms only', () => {
    expect(topicRefusal(member, false, 'dev')).toBeUndefined();
    expect(topicRefusal(operator, true, 'dev')).toBeUndefined();
    expect(topicRefusal(member, true, 'dev')?.code).toBe(ErrorCode.NotOperator);
  });
});
