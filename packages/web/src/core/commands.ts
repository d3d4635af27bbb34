import { checkNick, checkRoom } from 'aurora-protocol';

/** What a line typed into the composer asks for. */
export type Command =
  | { readonly kind: 'say'; readonly text: string }
  | { readonly kind: 'action'; readonly text: string }
  | { readonly kind: 'join'; readonly room: string }
  | { readonly kind: 'leave'; readonly room?: string }
  | { readonly kind: 'msg'; readonly nick: string; readonly text?: string }
  | { readonly kind: 'nick'; readonly nick: string }
  | { readonly kind: 'topic'; readonly topic?: string }
  | { readonly kind: 'away'; readonly status?: string }
  | { readonly kind: 'back' }
  | { readonly kind: 'rooms' }
  | { readonly kind: 'who' }
  | { readonly kind: 'help' }
  | { readonly kind: 'quit' }
  | { readonly kind: 'invalid'; readonly message: string };

/** One slash command as listed by `/help`. */
export interface CommandHelp {
  readonly usage: string;
  readonly summary: string;
}

/** The slash commands, in the order `/help` lists them (the same set as the terminal client). */
export const COMMAND_HELP: readonly CommandHelp[] = [
  { usage: '/join #room', summary: 'join a room (or switch to it)' },
  { usage: '/leave [#room]', summary: 'leave this room, or close this conversation' },
  { usage: '/me text', summary: 'say what you are doing: * alice waves' },
  { usage: '/msg name [text]', summary: 'open a direct conversation, and send text if given' },
  { usage: '/nick name', summary: 'change your name' },
  { usage: '/topic [text]', summary: 'show the topic, or set it (/topic --clear clears it)' },
  { usage: '/away [message]', summary: 'mark yourself away' },
  { usage: '/back', summary: 'mark yourself back' },
  { usage: '/rooms', summary: 'list the rooms on the server' },
  { usage: '/who', summary: 'list the members of this room' },
  { usage: '/help', summary: 'show this list' },
  { usage: '/quit', summary: 'disconnect and return to the join screen' },
];

const ALIASES: Readonly<Record<string, string>> = {
  j: 'join',
  part: 'leave',
  close: 'leave',
  dm: 'msg',
  query: 'msg',
  list: 'rooms',
  members: 'who',
  names: 'who',
  exit: 'quit',
  '?': 'help',
};

/**
 * Parses one composer line. Text not starting with `/` is said as is (`//x` says `/x`); a command
 * with a missing or invalid argument becomes `invalid` with a sentence for the person typing.
 * Returns undefined for a blank line.
 */
export function parseCommand(line: string): Command | undefined {
  if (line.trim() === '') return undefined;
  if (!line.startsWith('/')) return { kind: 'say', text: line };
  if (line.startsWith('//')) return { kind: 'say', text: line.slice(1) };
  const match = /^\/(\S+)(?:\s+([\s\S]*))?$/.exec(line);
  if (!match) return invalid('Type a command after the "/". Type /help for the list.');
  const typed = match[1]!.toLowerCase();
  const name = ALIASES[typed] ?? typed;
  const rest = (match[2] ?? '').trim();
  const [first = '', ...others] = rest.split(/\s+/);
  const remainder = rest.slice(first.length).trim();
  switch (name) {
    case 'join':
      return first ? roomCommand(first, (room) => ({ kind: 'join', room })) : invalid('Usage: /join #room');
    case 'leave':
      return first ? roomCommand(first, (room) => ({ kind: 'leave', room })) : { kind: 'leave' };
    case 'me':
      return rest ? { kind: 'action', text: rest } : invalid('Usage: /me text');
    case 'msg':
      return first ? nickCommand(first, remainder) : invalid('Usage: /msg name [text]');
    case 'nick': {
      if (!first || others.length > 0) return invalid('Usage: /nick name (names have no spaces)');
      const checked = checkNick(first);
      return checked.ok ? { kind: 'nick', nick: checked.name } : invalid(checked.problem.message);
    }
    case 'topic':
      if (rest === '') return { kind: 'topic' };
      return { kind: 'topic', topic: rest === '--clear' ? '' : rest };
    case 'away':
      return rest ? { kind: 'away', status: rest } : { kind: 'away' };
    case 'back':
    case 'rooms':
    case 'who':
    case 'help':
    case 'quit':
      return { kind: name };
    default:
      return invalid(`Unknown command /${typed}. Type /help for the list, or //${typed} to say it.`);
  }
}

function roomCommand(raw: string, make: (room: string) => Command): Command {
  const checked = checkRoom(raw);
  return checked.ok ? make(checked.name) : invalid(checked.problem.message);
}

function nickCommand(raw: string, text: string): Command {
  const checked = checkNick(raw.startsWith('@') ? raw.slice(1) : raw);
  if (!checked.ok) return invalid(checked.problem.message);
  return text ? { kind: 'msg', nick: checked.name, text } : { kind: 'msg', nick: checked.name };
}

function invalid(message: string): Command {
  return { kind: 'invalid', message };
}
