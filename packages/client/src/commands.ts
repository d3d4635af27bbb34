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

/** A command as `/help` lists it. */
export interface CommandSpec {
  readonly name: string;
  readonly args: string;
  readonly help: string;
  readonly aliases?: readonly string[];
}

/** Every command, in the order `/help` shows them. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'join',
    args: 'ROOM...',
    help: 'join rooms and show the first (/join #room PASSWORD: a room with a password)',
    aliases: ['j'],
  },
  {
    name: 'part',
    args: '[ROOM]',
    help: 'leave this room (or ROOM); closes a conversation',
    aliases: ['leave', 'close'],
  },
  {
    name: 'msg',
    args: 'NAME [TEXT]',
    help: 'send a direct message, or open the conversation',
    aliases: ['query'],
  },
  { name: 'me', args: 'TEXT', help: 'say what you do: * alice waves' },
  { name: 'nick', args: 'NAME', help: 'change your name' },
  { name: 'who', args: '[ROOM]', help: 'list the members of this room', aliases: ['names'] },
  { name: 'rooms', args: '', help: 'list the rooms on the server', aliases: ['list'] },
  { name: 'topic', args: '[TEXT|--clear]', help: "show, set or clear this room's topic" },
  {
    name: 'search',
    args: 'QUERY',
    help: 'find messages in your rooms and conversations (words, "phrases", from:, in:, before:, after:)',
    aliases: ['find'],
  },
  { name: 'edit', args: '[N] TEXT', help: 'change message N (a number from select mode), or your last one' },
  { name: 'delete', args: '[N]', help: 'delete message N, or your last one', aliases: ['del'] },
  {
    name: 'react',
    args: 'N EMOJI',
    help: 'react to message N with an emoji or :shortcode: (again: take it off)',
  },
  { name: 'reply', args: 'N TEXT', help: 'answer message N, quoting it' },
  { name: 'away', args: '[TEXT]', help: 'mark yourself away (again to come back)' },
  { name: 'back', args: '', help: 'come back from away' },
  { name: 'clear', args: '', help: 'clear this window' },
  { name: 'notify', args: '[all|mentions|none]', help: 'what this window notifies you of' },
  {
    name: 'mute',
    args: '[NAME] [DURATION]',
    help: 'silence this window (30m, 2h, 1d; or until /unmute); with NAME, operators keep a person quiet',
  },
  { name: 'unmute', args: '[NAME]', help: "end this window's mute, or (operators) a person's" },
  { name: 'highlight', args: '[add|remove WORD]', help: 'words that count as mentions of you' },
  { name: 'ignore', args: 'NAME', help: "hide a person's messages, typing and mentions everywhere" },
  { name: 'unignore', args: 'NAME', help: 'stop ignoring a person' },
  { name: 'ignored', args: '', help: 'list the people you ignore' },
  {
    name: 'kick',
    args: 'NAME [REASON]',
    help: 'operators: put a person out of this room (they may come back)',
  },
  {
    name: 'ban',
    args: '[--server] NAME [DURATION] [REASON]',
    help: 'operators: keep a person out of this room (10m, 2h, 7d; or until /unban)',
  },
  { name: 'unban', args: '[--server] NAME', help: 'operators: lift a ban' },
  { name: 'bans', args: '[--server]', help: "operators: list this room's bans" },
  { name: 'op', args: 'NAME', help: 'owners: make an account an operator of this room' },
  { name: 'deop', args: 'NAME', help: 'owners: take operator away' },
  { name: 'claim', args: '', help: 'own this room, when nobody does (registered accounts)' },
  {
    name: 'mode',
    args: '[+m -i +t +p +k PASSWORD -k]',
    help: "this room's settings; operators change them: m moderated, i invite-only, t topic, p private, k password",
  },
  { name: 'invite', args: 'NAME', help: 'operators: let an account into this room (invite-only, password)' },
  { name: 'uninvite', args: 'NAME', help: 'operators: take an invite back' },
  { name: 'invites', args: '', help: "operators: list this room's invites" },
  { name: 'voice', args: 'NAME', help: 'operators: let an account speak in this moderated room (+)' },
  { name: 'devoice', args: 'NAME', help: 'operators: take voice away' },
  { name: 'kill', args: 'NAME [REASON]', help: 'server admins: disconnect a person from the server' },
  { name: 'register', args: '[NAME]', help: 'create an account (asks for a password) and log in' },
  { name: 'login', args: '[NAME]', help: 'log in to your account (asks for the password)' },
  { name: 'logout', args: '[--everywhere]', help: 'log out here, or on every device' },
  {
    name: 'password',
    args: '[--keep-sessions]',
    help: 'change your password (asks for both); logs out your other devices unless kept',
  },
  { name: 'help', args: '[COMMAND]', help: 'show commands and keys' },
  { name: 'quit', args: '', help: 'leave the chat', aliases: ['exit'] },
];

const BY_NAME = new Map<string, CommandSpec>();
for (const spec of COMMANDS) {
  BY_NAME.set(spec.name, spec);
  for (const alias of spec.aliases ?? []) BY_NAME.set(alias, spec);
}

/**
 * Every name and alias a command can be typed as, for completion. Marked pure, so that a bundle that
 * completes nothing (the browser's) does not sort it on every load.
 */
export const COMMAND_NAMES: readonly string[] = /* @__PURE__ */ Array.from(BY_NAME.keys()).sort();

/** A message number as typed (`12` or `#12`), or undefined. */
function messageNumber(word: string): number | undefined {
  const match = /^#?(\d{1,15})$/.exec(word);
  return match ? Number(match[1]) : undefined;
}

/**
 * Parses a line typed into the input. Text not starting with `/` is said; `//text` says `/text`. An
 * unknown command is never sent as a message: it comes back with a hint (and a guess at what was meant).
 */
export function parseInput(line: string): ParsedInput {
  if (line.trim() === '') return fail('empty', '');
  if (!line.startsWith('/')) return ok({ type: 'say', text: line });
  if (line.startsWith('//')) return ok({ type: 'say', text: line.slice(1) });
  const match = /^\/(\S*)(?:\s+([\s\S]*))?$/.exec(line.trimEnd());
  const typed = (match?.[1] ?? '').toLowerCase();
  const rest = match?.[2] ?? '';
  const spec = BY_NAME.get(typed);
  if (!spec) return unknown(typed);
  const words = rest.split(/\s+/).filter(Boolean);
  switch (spec.name) {
    case 'join': {
      if (words.length === 0) return usage(spec);
      const password = roomPassword(words);
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
    case 'delete': {
      if (words.length === 0) return ok({ type: 'delete' });
      const seq = messageNumber(words[0]!);
      return words.length === 1 && seq !== undefined ? ok({ type: 'delete', seq }) : usage(spec);
    }
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
      if (words.length > 1)
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
        return words.length > 1 || !words[0]!.startsWith('--')
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
 * The password of `/join #room PASSWORD`: two words, one room written with its `#`, then a word
 * with neither `#` nor `,` (`/join #a #b` and `/join #a b,c` join rooms). Undefined for any other `/join`.
 */
function roomPassword(words: readonly string[]): string | undefined {
  const [room, second] = words;
  if (words.length !== 2 || room === undefined || second === undefined) return undefined;
  return room.startsWith('#') && !room.includes(',') && !second.startsWith('#') && !second.includes(',')
    ? second
    : undefined;
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

/** The lines `/help` shows: every command, or one. */
export function helpLines(command?: string): string[] {
  if (command) {
    const spec = BY_NAME.get(command.toLowerCase());
    if (!spec) return [`No command /${command}. Type /help for the list.`];
    const aliases = spec.aliases?.length ? ` (also ${spec.aliases.map((a) => `/${a}`).join(', ')})` : '';
    return [`${synopsis(spec)} — ${spec.help}${aliases}`];
  }
  return [
    'Commands:',
    ...COMMANDS.map((spec) => `  ${synopsis(spec).padEnd(24)} ${spec.help}`),
    'Start a line with // to send text that begins with /.',
  ];
}

/** How a command is written: `/msg NAME [TEXT]`. */
export function synopsis(spec: CommandSpec): string {
  return spec.args ? `/${spec.name} ${spec.args}` : `/${spec.name}`;
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
