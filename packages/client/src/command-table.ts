// The command table: every command's name, arguments and help line, as `/help` lists them.

import {
  modePasswordWords,
  passwordsForFlag,
  roomPasswordWord,
  type SecretWords,
  wordsAfterName,
} from './secret-words.js';

/** A command as `/help` lists it. */
export interface CommandSpec {
  readonly name: string;
  readonly args: string;
  readonly help: string;
  readonly aliases?: readonly string[];
  /**
   * Which of its words are secrets (passwords): the parser reads or refuses them by this, and an
   * input's history leaves them out (see `historyEntry`), so a password is never recalled with Up.
   */
  readonly secret?: SecretWords;
}

/** Every command, in the order `/help` shows them. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'join',
    args: 'ROOM...',
    help: 'join rooms and show the first (/join #room PASSWORD: a room with a password)',
    aliases: ['j'],
    secret: roomPasswordWord,
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
  { name: 'reactions', args: 'N', help: 'who reacted to message N, with what' },
  { name: 'goto', args: 'N', help: "show message N, say a reply's original (its number is in the quote)" },
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
    secret: modePasswordWords,
  },
  { name: 'invite', args: 'NAME', help: 'operators: let an account into this room (invite-only, password)' },
  { name: 'uninvite', args: 'NAME', help: 'operators: take an invite back' },
  { name: 'invites', args: '', help: "operators: list this room's invites" },
  { name: 'voice', args: 'NAME', help: 'operators: let an account speak in this moderated room (+)' },
  { name: 'devoice', args: 'NAME', help: 'operators: take voice away' },
  { name: 'kill', args: 'NAME [REASON]', help: 'server admins: disconnect a person from the server' },
  {
    name: 'register',
    args: '[NAME]',
    help: 'create an account (asks for a password) and log in',
    secret: wordsAfterName,
  },
  {
    name: 'login',
    args: '[NAME]',
    help: 'log in to your account (asks for the password)',
    secret: wordsAfterName,
  },
  { name: 'logout', args: '[--everywhere]', help: 'log out here, or on every device' },
  {
    name: 'password',
    args: '[--keep-sessions]',
    help: 'change your password (asks for both); logs out your other devices unless kept',
    secret: passwordsForFlag,
  },
  { name: 'help', args: '[COMMAND]', help: 'show commands and keys' },
  { name: 'quit', args: '', help: 'leave the chat', aliases: ['exit'] },
];

/** Every command by its name and by each alias. */
export const BY_NAME: ReadonlyMap<string, CommandSpec> = /* @__PURE__ */ commandsByName();
function commandsByName(): Map<string, CommandSpec> {
  const byName = new Map<string, CommandSpec>();
  for (const spec of COMMANDS) {
    byName.set(spec.name, spec);
    for (const alias of spec.aliases ?? []) byName.set(alias, spec);
  }
  return byName;
}

/**
 * Every name and alias a command can be typed as, for completion. Marked pure, so that a bundle that
 * completes nothing (the browser's) does not sort it on every load.
 */
export const COMMAND_NAMES: readonly string[] = /* @__PURE__ */ Array.from(BY_NAME.keys()).sort();

/** The lines `/help` shows: every command, or one. */
export function helpLines(command?: string): string[] {
  if (command) {
    const spec = BY_NAME.get(command.toLowerCase());
    if (!spec) return [`No command /${command}. Type /help for the list.`];
    const aliases = spec.aliases?.length ? ` (also ${spec.aliases.map((a) => `/${a}`).join(', ')})` : '';
    return [`${synopsis(spec)} — ${spec.help}${aliases}`];
  }
  return [
    HELP_HEADING,
    ...COMMANDS.map((spec) => `  ${synopsis(spec).padEnd(24)} ${spec.help}`),
    HELP_FOOTER,
  ];
}

/** The line above the command list of `/help`. */
export const HELP_HEADING = 'Commands:';
/** The line below it. */
export const HELP_FOOTER = 'Start a line with // to send text that begins with /.';

/** `/help`'s rows: each command as it is written, and what it does. */
export function helpRows(): (readonly [synopsis: string, help: string])[] {
  return COMMANDS.map((spec) => [synopsis(spec), spec.help]);
}

/** How a command is written: `/msg NAME [TEXT]`. */
export function synopsis(spec: CommandSpec): string {
  return spec.args ? `/${spec.name} ${spec.args}` : `/${spec.name}`;
}
