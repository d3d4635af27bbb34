// Parsers of the notification preference commands: /notify, /mute and /unmute (this window, or with a
// name a person: moderation), /highlight, /ignore, /unignore and /ignored.

import { looksLikeDuration, PREFS_LIMITS, parseDuration as parseProtocolDuration } from 'aurora-protocol';
import { type CommandParser, fail, ok, usage } from './command-parse.js';
import { synopsis } from './command-table.js';
import { moderationCommand } from './commands-moderation.js';

/**
 * A mute's duration as typed, `30m`, `2h`, `1d`, `1w` or a run of them (`1h30m`), in ms; undefined
 * when it is not one, is zero, or is longer than a mute may be (`PREFS_LIMITS.maxMuteMs`). The
 * protocol's one rule, so the server reads `/ban bob 2h` as the terminal does.
 */
export function parseDuration(text: string): number | undefined {
  return parseProtocolDuration(text, PREFS_LIMITS.maxMuteMs);
}

/** `/ignore NAME` or `/unignore NAME`: the same words, one adds and one removes. */
function ignoring(op: 'add' | 'remove'): CommandParser {
  return ({ spec, words }) =>
    words.length !== 1 ? usage(spec) : ok({ type: 'ignore', op, name: words[0]! });
}

/** The preference commands, by name. */
export const PREFS_PARSERS: Readonly<Record<string, CommandParser>> = {
  notify: ({ spec, words }) => {
    if (words.length === 0) return ok({ type: 'notify' });
    const level = words[0]!.toLowerCase();
    if (words.length > 1 || (level !== 'all' && level !== 'mentions' && level !== 'none')) return usage(spec);
    return ok({ type: 'notify', level });
  },
  mute: ({ spec, words, rest }) => {
    if (words.length === 0) return ok({ type: 'mute' });
    // `/mute 10m` mutes this window; `/mute bob [10m]` keeps a person quiet in this room.
    if (!looksLikeDuration(words[0]!)) return moderationCommand(spec, 'mute', rest);
    const forMs = words.length === 1 ? parseDuration(words[0]!) : undefined;
    if (forMs === undefined)
      return fail(
        'bad_argument',
        `Usage: ${synopsis(spec)} — a duration such as 30m, 2h, 1d or 1h30m, at most 366d.`,
      );
    return ok({ type: 'mute', forMs });
  },
  unmute: ({ spec, words, rest }) => {
    if (words.length === 0) return ok({ type: 'unmute' });
    return words.length === 1 ? moderationCommand(spec, 'unmute', rest) : usage(spec);
  },
  highlight: ({ spec, words }) => {
    if (words.length === 0) return ok({ type: 'highlight' });
    const op = words[0]!.toLowerCase();
    if (words.length !== 2 || (op !== 'add' && op !== 'remove')) return usage(spec);
    return ok({ type: 'highlight', op, word: words[1]! });
  },
  ignore: ignoring('add'),
  unignore: ignoring('remove'),
  ignored: ({ spec, words }) => (words.length === 0 ? ok({ type: 'ignore' }) : usage(spec)),
};
