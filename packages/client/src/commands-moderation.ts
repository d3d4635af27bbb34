// Parsers of the moderation commands: /kick, /ban, /unban, /op, /deop, /kill, /voice, /devoice, /invite,
// /uninvite (a person, by `moderationCommand`), and /invites, /mode, /claim and /bans (the room).

import {
  checkNick,
  looksLikeDuration,
  MODERATION_LIMITS,
  parseModeChanges,
  parseDuration as parseProtocolDuration,
} from 'aurora-protocol';
import { type CommandParser, fail, ok, splitFirst, usage } from './command-parse.js';
import { type CommandSpec, synopsis } from './command-table.js';
import type { ModerationCommandAction, ParsedInput } from './command-types.js';

/**
 * `/kick NAME [REASON]`, `/ban [--server] NAME [DURATION] [REASON]`, `/mute NAME [DURATION]`,
 * `/unban`, `/unmute`, `/op`, `/deop NAME` and `/kill NAME [REASON]`: the name is checked here; a
 * duration is read only by `ban` and `mute`, where a word shaped like one must be a valid one.
 */
export function moderationCommand(
  spec: CommandSpec,
  action: ModerationCommandAction,
  rest: string,
): ParsedInput {
  let [first, tail] = splitFirst(rest);
  const server = first === '--server' && (action === 'ban' || action === 'unban');
  if (server) [first, tail] = splitFirst(tail);
  if (!first) return usage(spec);
  const checked = checkNick(first.replace(/^@/, ''));
  if (!checked.ok) return fail('bad_argument', `"${first}" is not a name: ${checked.problem.message}`);
  let forMs: number | undefined;
  if (action === 'ban' || action === 'mute') {
    const [word, after] = splitFirst(tail);
    if (word && looksLikeDuration(word)) {
      forMs = parseProtocolDuration(word, MODERATION_LIMITS.maxDurationMs);
      if (forMs === undefined)
        return fail('bad_argument', `"${word}" is not a duration: use 10m, 2h, 7d or 1h30m, at most 366d.`);
      tail = after;
    }
  }
  const reason = tail.trim();
  const takesReason = action === 'kick' || action === 'ban' || action === 'kill' || action === 'mute';
  if (reason && !takesReason) return usage(spec);
  if ([...reason].length > MODERATION_LIMITS.maxReasonLength)
    return fail('bad_argument', `A reason can have at most ${MODERATION_LIMITS.maxReasonLength} characters.`);
  return ok({
    type: 'moderate',
    action,
    name: checked.name,
    ...(forMs === undefined ? {} : { forMs }),
    ...(reason ? { reason } : {}),
    ...(server ? { server: true } : {}),
  });
}

/** A command that is one moderation action on a person, named as the command is. */
function onPerson(action: ModerationCommandAction): CommandParser {
  return ({ spec, rest }) => moderationCommand(spec, action, rest);
}

/** The moderation commands, by name (`/mute` and `/unmute` are the preferences' first: see there). */
export const MODERATION_PARSERS: Readonly<Record<string, CommandParser>> = {
  kick: onPerson('kick'),
  ban: onPerson('ban'),
  unban: onPerson('unban'),
  op: onPerson('op'),
  deop: onPerson('deop'),
  kill: onPerson('kill'),
  voice: onPerson('voice'),
  devoice: onPerson('devoice'),
  invite: onPerson('invite'),
  uninvite: onPerson('uninvite'),
  invites: ({ spec, words }) => (words.length === 0 ? ok({ type: 'invites' }) : usage(spec)),
  mode: ({ spec, words, secret }) => {
    if (words.length === 0) return ok({ type: 'mode' });
    const parsed = parseModeChanges(words);
    if (parsed.ok) return ok({ type: 'mode', changes: parsed.changes });
    // A refused line that held a password leaves the input, and the problem, which may quote a word
    // of it ("horse" is not a mode), is not shown.
    return secret.length > 0
      ? fail(
          'secret_argument',
          `The modes could not be read; the line held a password, so it was cleared. Usage: ${synopsis(spec)}`,
        )
      : fail('bad_argument', `${parsed.problem}. Usage: ${synopsis(spec)}`);
  },
  claim: ({ spec, words }) => (words.length === 0 ? ok({ type: 'claim' }) : usage(spec)),
  bans: ({ spec, words }) => {
    if (words.length === 0) return ok({ type: 'bans' });
    return words.length === 1 && words[0] === '--server' ? ok({ type: 'bans', server: true }) : usage(spec);
  },
};
