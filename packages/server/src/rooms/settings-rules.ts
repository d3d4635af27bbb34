import { ErrorCode, type ModeChanges, type RoomSetting, type RoomSettings } from 'aurora-protocol';
import type { SettingsChange, StoredSettings } from '../store/moderation.js';
import { isOperator, type Refusal, type Standing } from './roles.js';

/**
 * A room's settings as people see them: topic protection, when never set, follows ownership (an
 * owned room's topic is protected); the password is only whether there is one.
 */
export function effectiveSettings(stored: StoredSettings, owned: boolean): RoomSettings {
  return {
    moderated: stored.moderated === true,
    inviteOnly: stored.inviteOnly === true,
    topicProtected: stored.topicProtected ?? owned,
    private: stored.private === true,
    password: stored.passwordHash !== undefined,
  };
}

/** Who may change a room's settings: its operators, owners and server admins. */
export function modeRefusal(actor: Standing, room: string): Refusal | undefined {
  return isOperator(actor)
    ? undefined
    : { code: ErrorCode.NotOperator, message: `only an operator of #${room} can change its settings` };
}

/** Whether a person may speak in a moderated room: operators, owners, admins and voiced people. */
export function maySpeakModerated(standing: Standing): boolean {
  return isOperator(standing) || standing.role === 'voice';
}

/** Whether a person gets past invite-only and the password without an invite: operators and up. */
export function admittedByRole(standing: Standing): boolean {
  return isOperator(standing);
}

/**
 * What a `/mode` change asks the store for, and the settings it turns on or off from `stored` (in
 * the order of `/mode`'s letters), which become the stored notices. A new password counts as turning
 * the password on, even over an old one; the caller hashes it and passes `passwordHash`.
 */
export function modeChange(
  stored: StoredSettings,
  owned: boolean,
  changes: Omit<ModeChanges, 'password'> & { readonly password?: string | null | undefined },
  passwordHash: string | undefined,
): { readonly change: SettingsChange; readonly changed: readonly { setting: RoomSetting; on: boolean }[] } {
  const before = effectiveSettings(stored, owned);
  const change: { -readonly [K in keyof SettingsChange]: SettingsChange[K] } = {};
  const changed: { setting: RoomSetting; on: boolean }[] = [];
  for (const setting of ['moderated', 'inviteOnly', 'topicProtected', 'private'] as const) {
    const on = changes[setting];
    if (on === undefined) continue;
    change[setting] = on;
    if (before[setting] !== on) changed.push({ setting, on });
  }
  if (changes.password === null) {
    change.passwordHash = null;
    if (before.password) changed.push({ setting: 'password', on: false });
  } else if (changes.password !== undefined && passwordHash !== undefined) {
    change.passwordHash = passwordHash;
    changed.push({ setting: 'password', on: true });
  }
  return { change, changed };
}
