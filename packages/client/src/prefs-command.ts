import { changePrefs, type NotifyPrefs, type PrefsChange } from 'aurora-protocol';
import type { ChatState } from './chat-state.js';
import type { Command } from './commands.js';
import { keywordsText, targetPrefsText } from './notify-prefs.js';
import { HOME } from './targets.js';

/** The commands that read or change notification preferences. */
export type PrefsCommand = Extract<Command, { type: 'notify' | 'mute' | 'unmute' | 'highlight' }>;

/** What a preferences command comes to, for a UI to carry out. */
export type PrefsCommandPlan =
  /** Only show `text` (`/notify` or `/highlight` alone). */
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
 * Plans `/notify`, `/mute`, `/unmute` and `/highlight` for the room or conversation on screen at
 * `now`, checking the change with the protocol's `changePrefs`, so a guest and an account are held
 * to the same bounds and a refusal needs no round trip. Only the preferences and the target are
 * read, so a client with a state of its own (the browser) plans with the same rule.
 */
export function planPrefsCommand(
  state: Pick<ChatState, 'prefs' | 'current'>,
  command: PrefsCommand,
  now: number,
): PrefsCommandPlan {
  const { prefs, current } = state;
  if (command.type === 'highlight') {
    if (command.op === undefined || command.word === undefined)
      return { kind: 'show', text: keywordsText(prefs) };
    return planned(prefs, { type: 'highlight', op: command.op, word: command.word }, now, keywordsText);
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
