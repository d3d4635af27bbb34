// Parsers of the commands that move between rooms and conversations: /join, /part, /msg, /who, /rooms
// and /topic.

import { checkNick, checkRoom, MODERATION_LIMITS } from 'aurora-protocol';
import { type CommandArgs, type CommandParser, fail, ok, splitFirst, usage } from './command-parse.js';
import type { ParsedInput } from './command-types.js';

/**
 * `/join #a #b,c` joins rooms; `/join #room PASSWORD` one room with its password (which word is the
 * password is the command table's rule, the one the input history leaves out by).
 */
function join({ spec, words, secret }: CommandArgs): ParsedInput {
  if (words.length === 0) return usage(spec);
  const password = secret[0] === undefined ? undefined : words[secret[0]];
  if (password !== undefined) {
    const checked = checkRoom(words[0]!);
    if (!checked.ok) return fail('bad_argument', `Cannot join "${words[0]}": ${checked.problem.message}`);
    if (password.length > MODERATION_LIMITS.maxRoomPasswordLength)
      return fail(
        'bad_argument',
        `A room password has at most ${MODERATION_LIMITS.maxRoomPasswordLength} characters.`,
      );
    return ok({ type: 'join', rooms: [checked.name], password });
  }
  const rooms: string[] = [];
  for (const word of words.flatMap((w) => w.split(',')).filter(Boolean)) {
    const checked = checkRoom(word);
    if (!checked.ok) return fail('bad_argument', `Cannot join "${word}": ${checked.problem.message}`);
    if (!rooms.includes(checked.name)) rooms.push(checked.name);
  }
  return ok({ type: 'join', rooms });
}

/** The room and conversation commands, by name. */
export const ROOM_PARSERS: Readonly<Record<string, CommandParser>> = {
  join,
  part: ({ words }) => {
    if (words.length === 0) return ok({ type: 'part' });
    const checked = checkRoom(words[0]!);
    if (!checked.ok) return fail('bad_argument', checked.problem.message);
    return ok({ type: 'part', room: checked.name });
  },
  msg: ({ spec, rest }) => {
    const [nick, text] = splitFirst(rest);
    if (!nick) return usage(spec);
    const checked = checkNick(nick.startsWith('@') ? nick.slice(1) : nick);
    if (!checked.ok) return fail('bad_argument', `"${nick}" is not a name: ${checked.problem.message}`);
    return ok(text.trim() ? { type: 'msg', nick: checked.name, text } : { type: 'msg', nick: checked.name });
  },
  who: ({ words }) => {
    if (words.length === 0) return ok({ type: 'who' });
    const checked = checkRoom(words[0]!);
    return checked.ok
      ? ok({ type: 'who', room: checked.name })
      : fail('bad_argument', checked.problem.message);
  },
  rooms: () => ok({ type: 'rooms' }),
  topic: ({ rest }) => {
    if (rest.trim() === '') return ok({ type: 'topic' });
    return ok({ type: 'topic', topic: rest.trim() === '--clear' ? '' : rest.trim() });
  },
};
