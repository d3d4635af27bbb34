import {
  checkNick,
  checkRoom,
  looksLikeDuration,
  MODERATION_LIMITS,
  type ModeChanges,
  type NotifyLevel,
  PREFS_LIMITS,
  parseModeChanges,
  parseDuration as parseProtocolDuration,
  suggestCommand,
} from 'aurora-protocol';

import { splitCommandLine } from './command-line.js';
import { BY_NAME, type CommandSpec, synopsis } from './command-table.js';

/** What a line typed into the input means. */
export type Command =
  | { readonly type: 'say'; readonly text: string }
  | { readonly type: 'me'; readonly text: string }
  | { readonly type: 'msg'; readonly nick: string; readonly text?: string }
  /** `password`: `/join #room PASSWORD`, for a room with a join password. */
  | { readonly type: 'join'; readonly rooms: readonly string[]; readonly password?: string }
  | { readonly type: 'part'; readonly room?: string }
  | { readonly type: 'nick'; readonly nick: string }
  | { readonly type: 'who'; readonly room?: string }
  | { readonly type: 'rooms' }
  | { readonly type: 'topic'; readonly topic?: string }
  | { readonly type: 'search'; readonly query: string }
  | { readonly type: 'away'; readonly status?: string }
  | { readonly type: 'back' }
  | { readonly type: 'clear' }
  | { readonly type: 'register'; readonly name?: string }
  | { readonly type: 'login'; readonly name?: string }
  | { readonly type: 'logout'; readonly everywhere: boolean }
  /** `/password`: change the account's password; other devices are logged out unless kept. */
  | { readonly type: 'password'; readonly keepSessions: boolean }
  | { readonly type: 'notify'; readonly level?: NotifyLevel }
  /** `forMs` absent: until unmuted. */
  | { readonly type: 'mute'; readonly forMs?: number }
  | { readonly type: 'unmute' }
  /** Without `op`: list the keywords. */
  | { readonly type: 'highlight'; readonly op?: 'add' | 'remove'; readonly word?: string }
  /** `/ignore NAME` (`op` add), `/unignore NAME` (remove); without `name`: list who is ignored. */
  | { readonly type: 'ignore'; readonly op?: 'add' | 'remove'; readonly name?: string }
  /**
   * A moderation action on a person in the room on screen; `server` (`--server`) bans or lifts a
   * ban server-wide instead (admins). `kill` is always server-wide.
   */
  | {
      readonly type: 'moderate';
      readonly action: ModerationCommandAction;
      readonly name: string;
      readonly forMs?: number;
      readonly reason?: string;
      readonly server?: boolean;
    }
  /** Claim the room on screen (a registered account, while it has no owner). */
  | { readonly type: 'claim' }
  /** The bans of the room on screen, or with `server` the server-wide ones. */
  | { readonly type: 'bans'; readonly server?: boolean }
  /** The settings of the room on screen, or (operators) changes to them: `/mode +i -m +k PASSWORD`. */
  | { readonly type: 'mode'; readonly changes?: ModeChanges }
  /** The invites of the room on screen (operators). */
  | { readonly type: 'invites' }
  /** `/edit N TEXT`: N is the message's number (its seq); without N, your last message here. */
  | { readonly type: 'edit'; readonly seq?: number; readonly text: string }
  | { readonly type: 'delete'; readonly seq?: number }
  /** `/react N EMOJI`: puts the reaction on, or takes it off when it is yours already. */
  | { readonly type: 'react'; readonly seq: number; readonly emoji: string }
  | { readonly type: 'reply'; readonly seq: number; readonly text: string }
  /** `/reactions N`: who reacted to message N, with what. */
  | { readonly type: 'reactions'; readonly seq: number }
  /** `/goto N`: show message N (a reply's original), loading the history around it when needed. */
  | { readonly type: 'goto'; readonly seq: number }
  | { readonly type: 'help'; readonly command?: string }
  | { readonly type: 'quit' };

/** The moderation actions a command can ask for. */
export type ModerationCommandAction =
  | 'kick'
  | 'ban'
  | 'unban'
  | 'mute'
  | 'unmute'
  | 'op'
  | 'deop'
  | 'kill'
  | 'voice'
  | 'devoice'
  | 'invite'
  | 'uninvite';

/** A parsed line, or why it is not one: a stable code and a hint for the user. */
export type ParsedInput =
  | { readonly ok: true; readonly command: Command }
  | {
      readonly ok: false;
      readonly code: FailureCode;
      readonly message: string;
    };

/** Why a line is not a command. `secret_argument`: a password was typed on the line (clear it). */
type FailureCode = 'empty' | 'unknown_command' | 'bad_argument' | 'secret_argument';

/** A message number as typed (`12` or `#12`), or undefined. */
function messageNumber(word: string): number | undefined {
  const match = /^#?(\d{1,15})$/.exec(word);
  return match ? Number(match[1]) : undefined;
}

/** A command whose one argument is a message number: `/delete 41`, `/goto 41`. */
function numbered(
  words: readonly string[],
  spec: CommandSpec,
  type: 'delete' | 'reactions' | 'goto',
): ParsedInput {
  const seq = words.length === 1 ? messageNumber(words[0]!) : undefined;
  return seq === undefined ? usage(spec) : ok({ type, seq });
}

/**
 * Parses a line typed into the input. Text not starting with `/` is said; `//text` says `/text`. An
 * unknown command is never sent as a message: it comes back with a hint (and a guess at what was meant).
 */
export function parseInput(line: string): ParsedInput {
  if (line.trim() === '') return fail('empty', '');
  if (!line.startsWith('/')) return ok({ type: 'say', text: line });
  if (line.startsWith('//')) return ok({ type: 'say', text: line.slice(1) });
  const { typed, rest, words } = splitCommandLine(line)!;
  const spec = BY_NAME.get(typed);
  if (!spec) return unknown(typed);
  const secret = spec.secret?.(words) ?? [];
  switch (spec.name) {
    case 'join': {
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
    case 'part': {
      if (words.length === 0) return ok({ type: 'part' });
      const checked = checkRoom(words[0]!);
      if (!checked.ok) return fail('bad_argument', checked.problem.message);
      return ok({ type: 'part', room: checked.name });
    }
    case 'msg': {
      const [nick, text] = splitFirst(rest);
      if (!nick) return usage(spec);
      const checked = checkNick(nick.startsWith('@') ? nick.slice(1) : nick);
      if (!checked.ok) return fail('bad_argument', `"${nick}" is not a name: ${checked.problem.message}`);
      return ok(
        text.trim() ? { type: 'msg', nick: checked.name, text } : { type: 'msg', nick: checked.name },
      );
    }
    case 'me':
      return rest.trim() ? ok({ type: 'me', text: rest }) : usage(spec);
    case 'nick': {
      if (words.length !== 1) return usage(spec);
      const checked = checkNick(words[0]!);
      if (!checked.ok) return fail('bad_argument', checked.problem.message);
      return ok({ type: 'nick', nick: checked.name });
    }
    case 'who': {
      if (words.length === 0) return ok({ type: 'who' });
      const checked = checkRoom(words[0]!);
      return checked.ok
        ? ok({ type: 'who', room: checked.name })
        : fail('bad_argument', checked.problem.message);
    }
    case 'topic':
      if (rest.trim() === '') return ok({ type: 'topic' });
      return ok({ type: 'topic', topic: rest.trim() === '--clear' ? '' : rest.trim() });
    case 'search':
      return rest.trim() === '' ? usage(spec) : ok({ type: 'search', query: rest.trim() });
    case 'edit': {
      const [first, text] = splitFirst(rest);
      const seq = messageNumber(first);
      if (seq !== undefined) return text.trim() ? ok({ type: 'edit', seq, text }) : usage(spec);
      return rest.trim() ? ok({ type: 'edit', text: rest }) : usage(spec);
    }
    case 'delete':
      return words.length === 0 ? ok({ type: 'delete' }) : numbered(words, spec, 'delete');
    case 'reactions':
    case 'goto':
      return numbered(words, spec, spec.name);
    case 'react': {
      const seq = messageNumber(words[0] ?? '');
      return words.length === 2 && seq !== undefined
        ? ok({ type: 'react', seq, emoji: words[1]! })
        : usage(spec);
    }
    case 'reply': {
      const [first, text] = splitFirst(rest);
      const seq = messageNumber(first);
      return seq !== undefined && text.trim() ? ok({ type: 'reply', seq, text }) : usage(spec);
    }
    case 'away':
      return ok(rest.trim() ? { type: 'away', status: rest.trim() } : { type: 'away' });
    case 'notify': {
      if (words.length === 0) return ok({ type: 'notify' });
      const level = words[0]!.toLowerCase();
      if (words.length > 1 || (level !== 'all' && level !== 'mentions' && level !== 'none'))
        return usage(spec);
      return ok({ type: 'notify', level });
    }
    case 'mute': {
      if (words.length === 0) return ok({ type: 'mute' });
      // `/mute 10m` mutes this window; `/mute bob [10m]` keeps a person quiet in this room.
      if (!looksLikeDuration(words[0]!)) return moderation(spec, 'mute', rest);
      const forMs = words.length === 1 ? parseDuration(words[0]!) : undefined;
      if (forMs === undefined)
        return fail(
          'bad_argument',
          `Usage: ${synopsis(spec)} — a duration such as 30m, 2h, 1d or 1h30m, at most 366d.`,
        );
      return ok({ type: 'mute', forMs });
    }
    case 'unmute':
      if (words.length === 0) return ok({ type: 'unmute' });
      return words.length === 1 ? moderation(spec, 'unmute', rest) : usage(spec);
    case 'kick':
    case 'ban':
    case 'unban':
    case 'op':
    case 'deop':
    case 'kill':
    case 'voice':
    case 'devoice':
    case 'invite':
    case 'uninvite':
      return moderation(spec, spec.name, rest);
    case 'invites':
      return words.length === 0 ? ok({ type: 'invites' }) : usage(spec);
    case 'mode': {
      if (words.length === 0) return ok({ type: 'mode' });
      const parsed = parseModeChanges(words);
      return parsed.ok
        ? ok({ type: 'mode', changes: parsed.changes })
        : fail('bad_argument', `${parsed.problem}. Usage: ${synopsis(spec)}`);
    }
    case 'claim':
      return words.length === 0 ? ok({ type: 'claim' }) : usage(spec);
    case 'bans':
      if (words.length === 0) return ok({ type: 'bans' });
      return words.length === 1 && words[0] === '--server' ? ok({ type: 'bans', server: true }) : usage(spec);
    case 'highlight': {
      if (words.length === 0) return ok({ type: 'highlight' });
      const op = words[0]!.toLowerCase();
      if (words.length !== 2 || (op !== 'add' && op !== 'remove')) return usage(spec);
      return ok({ type: 'highlight', op, word: words[1]! });
    }
    case 'ignore':
    case 'unignore':
      if (words.length !== 1) return usage(spec);
      return ok({ type: 'ignore', op: spec.name === 'ignore' ? 'add' : 'remove', name: words[0]! });
    case 'ignored':
      return words.length === 0 ? ok({ type: 'ignore' }) : usage(spec);
    case 'help':
      return ok(words[0] ? { type: 'help', command: words[0].replace(/^\//, '') } : { type: 'help' });
    case 'rooms':
      return ok({ type: 'rooms' });
    case 'back':
      return ok({ type: 'back' });
    case 'clear':
      return ok({ type: 'clear' });
    case 'register':
    case 'login': {
      if (secret.length > 0)
        return fail(
          'secret_argument',
          `Type the password at the prompt, never on the command line: /${spec.name} ${spec.args}. The line was cleared.`,
        );
      if (words.length === 0) return ok({ type: spec.name });
      const checked = checkNick(words[0]!);
      if (!checked.ok) return fail('bad_argument', `"${words[0]}" is not a name: ${checked.problem.message}`);
      return ok({ type: spec.name, name: checked.name });
    }
    case 'logout':
      if (words.length > 1 || (words[0] !== undefined && words[0] !== '--everywhere')) return usage(spec);
      return ok({ type: 'logout', everywhere: words[0] === '--everywhere' });
    case 'password':
      if (words.length > 1 || (words[0] !== undefined && words[0] !== '--keep-sessions'))
        return secret.length > 0
          ? fail(
              'secret_argument',
              'Type passwords at the prompt, never on the command line: /password [--keep-sessions]. The line was cleared.',
            )
          : usage(spec);
      return ok({ type: 'password', keepSessions: words[0] === '--keep-sessions' });
    default:
      return ok({ type: 'quit' });
  }
}

/**
 * A mute's duration as typed, `30m`, `2h`, `1d`, `1w` or a run of them (`1h30m`), in ms; undefined
 * when it is not one, is zero, or is longer than a mute may be (`PREFS_LIMITS.maxMuteMs`). The
 * protocol's one rule, so the server reads `/ban bob 2h` as the terminal does.
 */
export function parseDuration(text: string): number | undefined {
  return parseProtocolDuration(text, PREFS_LIMITS.maxMuteMs);
}

/**
 * `/kick NAME [REASON]`, `/ban [--server] NAME [DURATION] [REASON]`, `/mute NAME [DURATION]`,
 * `/unban`, `/unmute`, `/op`, `/deop NAME` and `/kill NAME [REASON]`: the name is checked here; a
 * duration is read only by `ban` and `mute`, where a word shaped like one must be a valid one.
 */
function moderation(spec: CommandSpec, action: ModerationCommandAction, rest: string): ParsedInput {
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

function unknown(typed: string): ParsedInput {
  const suggested = suggestCommand(typed, BY_NAME.keys());
  const guess = suggested === undefined ? undefined : BY_NAME.get(suggested)?.name;
  const did = guess ? ` Did you mean /${guess}?` : '';
  return fail(
    'unknown_command',
    `Unknown command /${typed}.${did} Nothing was sent. /help lists commands; // sends a line starting with /.`,
  );
}

function splitFirst(rest: string): [string, string] {
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(rest.trimStart());
  return [match?.[1] ?? '', match?.[2] ?? ''];
}

function usage(spec: CommandSpec): ParsedInput {
  return fail('bad_argument', `Usage: ${synopsis(spec)} — ${spec.help}`);
}

function ok(command: Command): ParsedInput {
  return { ok: true, command };
}

function fail(code: FailureCode, message: string): ParsedInput {
  return { ok: false, code, message };
}
