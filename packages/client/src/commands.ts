import { suggestCommand } from 'aurora-protocol';
import { splitCommandLine } from './command-line.js';
import { type CommandParser, fail, ok } from './command-parse.js';
import { BY_NAME } from './command-table.js';
import type { ParsedInput } from './command-types.js';
import { ACCOUNT_PARSERS } from './commands-account.js';
import { MESSAGE_PARSERS } from './commands-messages.js';
import { MODERATION_PARSERS } from './commands-moderation.js';
import { PREFS_PARSERS } from './commands-prefs.js';
import { ROOM_PARSERS } from './commands-rooms.js';

export type { Command, ModerationCommandAction, ParsedInput } from './command-types.js';
export { parseDuration } from './commands-prefs.js';

/** Every command's parser by the command's name; each group keeps its own (rooms, messages...). */
const PARSERS: Readonly<Record<string, CommandParser>> = {
  ...ROOM_PARSERS,
  ...MESSAGE_PARSERS,
  ...ACCOUNT_PARSERS,
  ...PREFS_PARSERS,
  ...MODERATION_PARSERS,
  help: ({ words }) =>
    ok(words[0] ? { type: 'help', command: words[0].replace(/^\//, '') } : { type: 'help' }),
  clear: () => ok({ type: 'clear' }),
  quit: () => ok({ type: 'quit' }),
};

/**
 * Parses a line typed into the input. Text not starting with `/` is said; `//text` says `/text`. An
 * unknown command is never sent as a message: it comes back with a hint (and a guess at what was meant).
 */
export function parseInput(line: string): ParsedInput {
  if (line.trim() === '') return fail('empty', '');
  if (!line.startsWith('/')) return withSecretRefused(line) ?? ok({ type: 'say', text: line });
  if (line.startsWith('//')) return ok({ type: 'say', text: line.slice(1) });
  const { typed, rest, words } = splitCommandLine(line)!;
  const spec = BY_NAME.get(typed);
  if (!spec) return unknown(typed);
  const secret = spec.secret?.(words) ?? [];
  // Every command in the table has a parser (a test holds them to it); one without is unknown, never sent.
  const parse = PARSERS[spec.name];
  return parse ? parse({ spec, rest, words, secret }) : unknown(typed);
}

/**
 * A line said as text because spaces come before its `/` (`  /login alice PASSWORD`), refused when
 * the command it reads as would hold a secret: sent, the password would reach the room.
 */
function withSecretRefused(line: string): ParsedInput | undefined {
  const command = splitCommandLine(line.trimStart());
  const spec = command && BY_NAME.get(command.typed);
  if (!command || !spec || (spec.secret?.(command.words) ?? []).length === 0) return undefined;
  return fail(
    'secret_argument',
    `Not sent: the spaces before /${command.typed} made it text, and it holds a password. The line was cleared; type the command from the start of the line.`,
  );
}

function unknown(typed: string): ParsedInput {
  const suggested = suggestCommand(typed, BY_NAME.keys());
  const guess = suggested === undefined ? undefined : BY_NAME.get(suggested)?.name;
  const did = guess ? ` Did you mean /${guess}?` : '';
  return fail(
    'unknown_command',
    `Unknown command /${typed}.${did} Nothing was sent. /help lists commands; // sends a line starting with /.`,
  );
}
