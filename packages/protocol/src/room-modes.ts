import { MODERATION_LIMITS } from './limits.js';
import type { RoomSetting, RoomSettings } from './schema/common.js';

/**
 * The IRC-style letters of `/mode`, defined once: `m` moderated, `i` invite-only, `t` topic
 * protection, `p` private, `k` join password (which takes the password as an argument with `+k`).
 */
export const MODE_LETTERS: Readonly<Record<string, RoomSetting>> = {
  m: 'moderated',
  i: 'inviteOnly',
  t: 'topicProtected',
  p: 'private',
  k: 'password',
};

/** A settings change as `mode` carries it: each field given turns a setting on or off. */
export interface ModeChanges {
  moderated?: boolean;
  inviteOnly?: boolean;
  topicProtected?: boolean;
  private?: boolean;
  /** A new join password, or `null` to remove it. */
  password?: string | null;
}

/** `parseModeChanges`: the changes, or what is wrong with the words. */
export type ParsedModes =
  | { readonly ok: true; readonly changes: ModeChanges }
  | { readonly ok: false; readonly problem: string };

/**
 * Reads `/mode` words: `+m -i`, `+mi-t`, `+k PASSWORD`, `-k`. Each `+k` takes the next word that is
 * not a letter group as its password. Unknown letters, a `+k` without a password and a password too
 * long are problems.
 */
export function parseModeChanges(words: readonly string[]): ParsedModes {
  const changes: ModeChanges = {};
  const rest = [...words];
  let any = false;
  while (rest.length > 0) {
    const group = rest.shift()!;
    if (!/^[+-]/.test(group))
      return { ok: false, problem: `"${group}" is not a mode: use +m, -i, +k PASSWORD…` };
    let on = true;
    for (const char of group) {
      if (char === '+' || char === '-') {
        on = char === '+';
        continue;
      }
      const setting = MODE_LETTERS[char];
      if (setting === undefined)
        return {
          ok: false,
          problem: `unknown mode letter "${char}": m moderated, i invite-only, t topic, p private, k password`,
        };
      any = true;
      if (setting !== 'password') {
        changes[setting] = on;
        continue;
      }
      if (!on) {
        changes.password = null;
        continue;
      }
      const password = rest.shift();
      if (password === undefined || /^[+-]/.test(password))
        return { ok: false, problem: '+k needs the password after it: /mode +k PASSWORD' };
      if (password.length > MODERATION_LIMITS.maxRoomPasswordLength)
        return {
          ok: false,
          problem: `a room password can have at most ${MODERATION_LIMITS.maxRoomPasswordLength} characters`,
        };
      changes.password = password;
    }
  }
  return any ? { ok: true, changes } : { ok: false, problem: 'no mode letters given' };
}

/** A room's settings as letters, `+itk`, or `+` alone when none is on. */
export function modeLetters(settings: RoomSettings): string {
  let letters = '+';
  for (const [letter, setting] of Object.entries(MODE_LETTERS)) if (settings[setting]) letters += letter;
  return letters;
}

const WORDS: Readonly<Record<RoomSetting, string>> = {
  moderated: 'moderated (only operators and voiced people speak)',
  inviteOnly: 'invite-only',
  topicProtected: 'topic protected (only operators change it)',
  private: 'private (not listed in /rooms)',
  password: 'a join password',
};

/** A room's settings in words: `#dev is invite-only, private (…); mode +ip` (no letters when none is set). */
export function settingsText(room: string, settings: RoomSettings): string {
  const on = (Object.keys(WORDS) as RoomSetting[]).filter((setting) => settings[setting]);
  const words = on.map((setting) =>
    setting === 'password'
      ? 'needs a join password'
      : setting === 'topicProtected'
        ? 'has its topic protected'
        : `is ${WORDS[setting]}`,
  );
  const said = on.length === 0 ? 'is open: anyone may join, speak and change the topic' : words.join(', ');
  const letters = modeLetters(settings);
  return `#${room.replace(/^#/, '')} ${said}${letters === '+' ? '' : `; mode ${letters}`}`;
}

/** A settings change as its stored notice says it: `alice made #dev invite-only`. Never the password. */
export function modeText(by: string, room: string, setting: RoomSetting, on: boolean): string {
  const where = `#${room.replace(/^#/, '')}`;
  switch (setting) {
    case 'moderated':
      return on
        ? `${by} made ${where} moderated: only operators and voiced people speak`
        : `${by} made ${where} unmoderated: everyone may speak`;
    case 'inviteOnly':
      return on
        ? `${by} made ${where} invite-only`
        : `${by} opened ${where} to everyone (no longer invite-only)`;
    case 'topicProtected':
      return on
        ? `${by} protected the topic of ${where}: only operators change it`
        : `${by} let everyone in ${where} change its topic`;
    case 'private':
      return on ? `${by} made ${where} private: it is not listed in /rooms` : `${by} made ${where} public`;
    case 'password':
      return on ? `${by} set a join password on ${where}` : `${by} removed the join password of ${where}`;
  }
}
