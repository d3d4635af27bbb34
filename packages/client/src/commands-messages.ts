// Parsers of the commands about messages: /me, /search, /edit, /delete, /react, /reply, /reactions and
// /goto. A message is named by its number (its seq), as select mode shows it.

import { type CommandParser, messageNumber, ok, splitFirst, usage } from './command-parse.js';
import type { CommandSpec } from './command-table.js';
import type { ParsedInput } from './command-types.js';

/** A command whose one argument is a message number: `/delete 41`, `/goto 41`. */
function numbered(
  words: readonly string[],
  spec: CommandSpec,
  type: 'delete' | 'reactions' | 'goto',
): ParsedInput {
  const seq = words.length === 1 ? messageNumber(words[0]!) : undefined;
  return seq === undefined ? usage(spec) : ok({ type, seq });
}

/** The message commands, by name. */
export const MESSAGE_PARSERS: Readonly<Record<string, CommandParser>> = {
  me: ({ spec, rest }) => (rest.trim() ? ok({ type: 'me', text: rest }) : usage(spec)),
  search: ({ spec, rest }) => (rest.trim() === '' ? usage(spec) : ok({ type: 'search', query: rest.trim() })),
  edit: ({ spec, rest }) => {
    const [first, text] = splitFirst(rest);
    const seq = messageNumber(first);
    if (seq !== undefined) return text.trim() ? ok({ type: 'edit', seq, text }) : usage(spec);
    return rest.trim() ? ok({ type: 'edit', text: rest }) : usage(spec);
  },
  delete: ({ spec, words }) =>
    words.length === 0 ? ok({ type: 'delete' }) : numbered(words, spec, 'delete'),
  reactions: ({ spec, words }) => numbered(words, spec, 'reactions'),
  goto: ({ spec, words }) => numbered(words, spec, 'goto'),
  react: ({ spec, words }) => {
    const seq = messageNumber(words[0] ?? '');
    return words.length === 2 && seq !== undefined
      ? ok({ type: 'react', seq, emoji: words[1]! })
      : usage(spec);
  },
  reply: ({ spec, rest }) => {
    const [first, text] = splitFirst(rest);
    const seq = messageNumber(first);
    return seq !== undefined && text.trim() ? ok({ type: 'reply', seq, text }) : usage(spec);
  },
};
