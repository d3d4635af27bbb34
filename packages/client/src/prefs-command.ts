import { changePrefs, type NotifyPrefs, type PrefsChange, sameName } from 'aurora-protocol';
import type { ChatState } from './chat-state.js';
import type { Command } from './commands.js';
import { ignoredText, keywordsText, targetPrefsText } from './notify-prefs.js';
import { HOME } from './targets.js';

/** The commands that read or change notification preferences. */
export type PrefsCommand = Extract<Command, { type: 'notify' | 'mute' | 'unmute' | 'highlight' | 'ignore' }>;

/** What a preferences command comes to, for a UI to carry out. */
export type PrefsCommandPlan =
  /** Only show `text` (`/notify`, `/highlight` or `/ignored` alone). */
  | { readonly kind: 'show'; readonly text: string }
  /**
   * A change that passed the rules: an account sends `change` (the server answers every device), a
   * guest keeps `prefs` itself. `text` says what the target or the keywords are at now.
   */
  | {
      readonly kind: 'change';
      readonly change: PrefsChange;
      readonly prefs: NotifyPrefs;
      readonly text: string;
    }
  /** Refused here, by the same rule the server applies (`changePrefs`), with why. */
  | { readonly kind: 'refused'; readonly code: string; readonly text: string };

/**
 * Plans `/notify`, `/mute`, `/unmute`, `/highlight` (for the room or conversation on screen at
 * `now`) and `/ignore`, `/unignore`, `/ignored`, checking the change with the protocol's
 * `changePrefs`, so a guest and an account are held to the same bounds and a refusal needs no round
 * trip. Only the preferences and the target are read, so a client with a state of its own (the
 * browser) plans with the same rule.
 */
export function planPrefsCommand(
  state: Pick<ChatState, 'prefs' | 'current'> & { readonly me?: string },
  command: PrefsCommand,
  now: number,
): PrefsCommandPlan {
  const { prefs, current } = state;
  if (command.type === 'highlight') {
    if (command.op === undefined || command.word === undefined)
      return { kind: 'show', text: keywordsText(prefs) };
    return planned(prefs, { type: 'highlight', op: command.op, word: command.word }, now, keywordsText);
  }
  if (command.type === 'ignore') {
    if (command.op === undefined || command.name === undefined)
      return { kind: 'show', text: ignoredText(prefs) };
    const { op, name } = command;
    if (op === 'add' && state.me !== undefined && sameName(name.replace(/^@/, ''), state.me))
      return { kind: 'refused', code: 'name_invalid', text: 'You cannot ignore yourself. (name_invalid)' };
    const said = (next: NotifyPrefs) =>
      op === 'add'
        ? `Ignoring ${name}: their messages, typing and mentions of you are hidden everywhere. /unignore ${name} undoes it.`
        : `No longer ignoring ${name}. ${ignoredText(next)}`;
    return planned(prefs, { type: 'ignore', op, name }, now, said);
  }
  if (current === HOME)
    return {
      kind: 'refused',
      code: 'no_target',
      text: `/${command.type} works in a room or conversation: switch to one first.`,
    };
  const text = (next: NotifyPrefs) => targetPrefsText(next, current, now);
  switch (command.type) {
    case 'notify':
      if (command.level === undefined) return { kind: 'show', text: text(prefs) };
      return planned(prefs, { type: 'notify', target: current, level: command.level }, now, text);
    case 'mute':
      return planned(prefs, { type: 'mute', target: current, forMs: command.forMs }, now, text);
    case 'unmute':
      return planned(prefs, { type: 'unmute', target: current }, now, text);
  }
}

function planned(
  prefs: NotifyPrefs,
  change: PrefsChange,
  now: number,
  text: (prefs: NotifyPrefs) => string,
): PrefsCommandPlan {
  const outcome = changePrefs(prefs, change, now);
  if (!outcome.ok)
    return { kind: 'refused', code: outcome.code, text: `${outcome.message} (${outcome.code})` };
  return { kind: 'change', change, prefs: outcome.prefs, text: text(outcome.prefs) };
}
