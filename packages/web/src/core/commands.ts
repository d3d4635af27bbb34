import { checkNick, checkRoom, suggestCommand } from 'aurora-protocol';

/** What a line typed into the composer asks for. */
export type Command =
  | { readonly kind: 'say'; readonly text: string }
  | { readonly kind: 'action'; readonly text: string }
  | { readonly kind: 'join'; readonly rooms: readonly string[] }
  | { readonly kind: 'leave'; readonly room?: string }
  | { readonly kind: 'msg'; readonly nick: string; readonly text?: string }
  | { readonly kind: 'nick'; readonly nick: string }
  | { readonly kind: 'who'; readonly room?: string }
  | { readonly kind: 'rooms' }
  | { readonly kind: 'topic'; readonly topic?: string }
  | { readonly kind: 'away'; readonly status?: string }
  | { readonly kind: 'back' }
  | { readonly kind: 'clear' }
  | { readonly kind: 'help'; readonly command?: string }
  | { readonly kind: 'quit' }
  | { readonly kind: 'invalid'; readonly message: string };

/** One slash command as `/help` lists it. */
export interface CommandHelp {
  readonly name: string;
  readonly args: string;
  readonly summary: string;
  readonly aliases: readonly string[];
}

/**
 * The slash commands, in the order `/help` lists them: the terminal client's set
 * (packages/cli/src/core/commands.ts), so people can move between the two clients.
 */
export const COMMAND_HELP: readonly CommandHelp[] = [
  { name: 'join', args: 'ROOM...', summary: 'join rooms and show the first', aliases: ['j'] },
  {
    name: 'part',
    args: '[ROOM]',
    summary: 'leave this room (or ROOM); closes a conversation',
    aliases: ['leave', 'close'],
  },
  {
    name: 'msg',
    args: 'NAME [TEXT]',
    summary: 'send a direct message, or open the conversation',
    aliases: ['query'],
  },
  { name: 'me', args: 'TEXT', summary: 'say what you do: * alice waves', aliases: [] },
  { name: 'nick', args: 'NAME', summary: 'change your name', aliases: [] },
  { name: 'who', args: '[ROOM]', summary: 'list the members of this room', aliases: ['names'] },
  { name: 'rooms', args: '', summary: 'list the rooms on the server', aliases: ['list'] },
  { name: 'topic', args: '[TEXT|--clear]', summary: "show, set or clear this room's topic", aliases: [] },
  { name: 'away', args: '[TEXT]', summary: 'mark yourself away (again to come back)', aliases: [] },
  { name: 'back', args: '', summary: 'come back from away', aliases: [] },
  { name: 'clear', args: '', summary: 'clear this window', aliases: [] },
  { name: 'help', args: '[COMMAND]', summary: 'show commands', aliases: [] },
  { name: 'quit', args: '', summary: 'disconnect and return to the join screen', aliases: ['exit'] },
];

const BY_NAME = new Map<string, CommandHelp>();
for (const help of COMMAND_HELP) for (const name of [help.name, ...help.aliases]) BY_NAME.set(name, help);

/** How a command is written: `/msg NAME [TEXT]`. */
export function synopsis(help: CommandHelp): string {
  return help.args ? `/${help.name} ${help.args}` : `/${help.name}`;
}

/** What `/help` shows: every command, or the one asked about. */
export function helpText(command?: string): string {
  if (command === undefined)
    return [
      'Commands:',
      ...COMMAND_HELP.map((c) => `${synopsis(c)} — ${c.summary}`),
      'Start a line with // to send text that begins with /.',
    ].join('\n');
  const help = BY_NAME.get(command.replace(/^\//, '').toLowerCase());
  if (!help) return `No command /${command}. Type /help for the list.`;
  const aliases = help.aliases.length > 0 ? ` (also ${help.aliases.map((a) => `/${a}`).join(', ')})` : '';
  return `${synopsis(help)} — ${help.summary}${aliases}`;
}

/**
 * Parses one composer line. Text not starting with `/` is said as is (`//x` says `/x`); a command
 * with a missing or invalid argument becomes `invalid` with a sentence for the person typing, and is
 * never sent as a message. Returns undefined for a blank line.
 */
export function parseCommand(line: string): Command | undefined {
  if (line.trim() === '') return undefined;
  if (!line.startsWith('/')) return { kind: 'say', text: line };
  if (line.startsWith('//')) return { kind: 'say', text: line.slice(1) };
  const match = /^\/(\S*)(?:\s+([\s\S]*))?$/.exec(line.trimEnd());
  const typed = (match?.[1] ?? '').toLowerCase();
  const help = BY_NAME.get(typed);
  if (!help) {
    // The terminal answers the same (the rule is the protocol's): a likely typo gets a hint.
    const suggested = suggestCommand(typed, BY_NAME.keys());
    const did = suggested === undefined ? '' : ` Did you mean /${BY_NAME.get(suggested)?.name}?`;
    return invalid(
      `Unknown command /${typed}.${did} Nothing was sent. /help lists commands; // sends a line starting with /.`,
    );
  }
  const rest = (match?.[2] ?? '').trim();
  const words = rest.split(/\s+/).filter(Boolean);
  const usage = () => invalid(`Usage: ${synopsis(help)} — ${help.summary}`);
  switch (help.name) {
    case 'join': {
      const rooms: string[] = [];
      for (const word of words.flatMap((w) => w.split(',')).filter(Boolean)) {
        const checked = checkRoom(word);
        if (!checked.ok) return invalid(`Cannot join "${word}": ${checked.problem.message}`);
        if (!rooms.includes(checked.name)) rooms.push(checked.name);
      }
      return rooms.length > 0 ? { kind: 'join', rooms } : usage();
    }
    case 'part':
    case 'who': {
      const kind = help.name === 'part' ? 'leave' : 'who';
      if (words.length === 0) return { kind };
      const checked = checkRoom(words[0]!);
      return checked.ok ? { kind, room: checked.name } : invalid(checked.problem.message);
    }
    case 'msg': {
      const [nick = '', ...others] = words;
      if (!nick) return usage();
      const checked = checkNick(nick.startsWith('@') ? nick.slice(1) : nick);
      if (!checked.ok) return invalid(`"${nick}" is not a name: ${checked.problem.message}`);
      const text = others.length > 0 ? rest.slice(rest.indexOf(nick) + nick.length).trim() : '';
      return text ? { kind: 'msg', nick: checked.name, text } : { kind: 'msg', nick: checked.name };
    }
    case 'me':
      return rest ? { kind: 'action', text: rest } : usage();
    case 'nick': {
      if (words.length !== 1) return usage();
      const checked = checkNick(words[0]!);
      return checked.ok ? { kind: 'nick', nick: checked.name } : invalid(checked.problem.message);
    }
    case 'topic':
      if (rest === '') return { kind: 'topic' };
      return { kind: 'topic', topic: rest === '--clear' ? '' : rest };
    case 'away':
      return rest ? { kind: 'away', status: rest } : { kind: 'away' };
    case 'help':
      return words[0] ? { kind: 'help', command: words[0] } : { kind: 'help' };
    case 'rooms':
    case 'back':
    case 'clear':
      return { kind: help.name };
    default:
      return { kind: 'quit' };
  }
}

function invalid(message: string): Command {
  return { kind: 'invalid', message };
}
