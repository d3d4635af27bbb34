import { ErrorCode, type ModeChanges, type RoomSetting, type RoomSettings } from 'aurora-protocol';
import type { StoredSettings } from '../store/moderation.js';
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
 * The settings a change leaves, and the settings it turned on or off (in the order of `/mode`'s
 * letters). A new password counts as turning the password on, even over an old one; the hash of it
 * is made by the caller, which passes it as `passwordHash`.
 */
export function applyModeChanges(
  stored: StoredSettings,
  owned: boolean,
  changes: Omit<ModeChanges, 'password'> & { readonly password?: string | null | undefined },
  passwordHash: string | undefined,
): { readonly next: StoredSettings; readonly changed: readonly { setting: RoomSetting; on: boolean }[] } {
  const before = effectiveSettings(stored, owned);
  const next: { -readonly [K in keyof StoredSettings]: StoredSettings[K] } = { ...stored };
  const changed: { setting: RoomSetting; on: boolean }[] = [];
  for (const setting of ['moderated', 'inviteOnly', 'topicProtected', 'private'] as const) {
    const on = changes[setting];
    if (on === undefined) continue;
    next[setting] = on;
    if (before[setting] !== on) changed.push({ setting, on });
  }
  if (changes.password === null) {
    delete next.passwordHash;
    if (before.password) changed.push({ setting: 'password', on: false });
  } else if (changes.password !== undefined && passwordHash !== undefined) {
    next.passwordHash = passwordHash;
    changed.push({ setting: 'password', on: true });
  }
  return { next, changed };
}
