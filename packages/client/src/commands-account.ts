// Parsers of the commands about who you are: /nick, /away, /back, /register, /login, /logout and
// /password. A password is never read from the line: it is typed at a prompt.

import { checkNick } from 'aurora-protocol';
import { type CommandParser, fail, ok, usage } from './command-parse.js';

/** `/register [NAME]` or `/login [NAME]`: a name, and a refusal of a password typed after it. */
function authCommand(type: 'register' | 'login'): CommandParser {
  return ({ spec, words, secret }) => {
    if (secret.length > 0)
      return fail(
        'secret_argument',
        `Type the password at the prompt, never on the command line: /${spec.name} ${spec.args}. The line was cleared.`,
      );
    if (words.length === 0) return ok({ type });
    const checked = checkNick(words[0]!);
    if (!checked.ok) return fail('bad_argument', `"${words[0]}" is not a name: ${checked.problem.message}`);
    return ok({ type, name: checked.name });
  };
}

/** The identity and account commands, by name. */
export const ACCOUNT_PARSERS: Readonly<Record<string, CommandParser>> = {
  nick: ({ spec, words }) => {
    if (words.length !== 1) return usage(spec);
    const checked = checkNick(words[0]!);
    if (!checked.ok) return fail('bad_argument', checked.problem.message);
    return ok({ type: 'nick', nick: checked.name });
  },
  away: ({ rest }) => ok(rest.trim() ? { type: 'away', status: rest.trim() } : { type: 'away' }),
  back: () => ok({ type: 'back' }),
  register: authCommand('register'),
  login: authCommand('login'),
  logout: ({ spec, words }) => {
    if (words.length > 1 || (words[0] !== undefined && words[0] !== '--everywhere')) return usage(spec);
    return ok({ type: 'logout', everywhere: words[0] === '--everywhere' });
  },
  password: ({ spec, words, secret }) => {
    if (words.length > 1 || (words[0] !== undefined && words[0] !== '--keep-sessions'))
      return secret.length > 0
        ? fail(
            'secret_argument',
            'Type passwords at the prompt, never on the command line: /password [--keep-sessions]. The line was cleared.',
          )
        : usage(spec);
    return ok({ type: 'password', keepSessions: words[0] === '--keep-sessions' });
  },
};
