import { homedir } from 'node:os';
import { createInterface } from 'node:readline/promises';
import type { SocketFactory } from 'aurora-client';
import { sanitizeForTerminal } from 'aurora-protocol';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CredentialStore, credentialsPath } from '../core/credentials.js';
import { BOLD_MARKS, NO_MARKS } from '../core/search-format.js';
import { wsSocketFactory } from '../core/ws-socket.js';
import { CLIENT_VERSION } from '../version.js';
import {
  type AccountOptions,
  askPassword,
  loginAccount,
  logoutAccount,
  registerAccount,
} from './account-command.js';
import {
  askPasswordChange,
  changePassword,
  confirmDeletion,
  deleteAccount,
  resetPassword,
  storedSession,
} from './account-manage-command.js';
import { CliError, CliErrorCode, describeError } from './cli-error.js';
import { CursorFile, cursorPositions } from './cursor-file.js';
import { loginName, readAll } from './process-input.js';
import type { ScriptCredentials } from './script-session.js';
import { MOST_RESULTS, searchMessages } from './search-command.js';
import { sendMessage } from './send-command.js';
import { type CommonFlags, resolveSettings, type Settings } from './settings.js';
import { tailMessages } from './tail-command.js';

/** The process around the program, injected so tests can run it in-process. */
export interface ProgramIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly socketFactory?: SocketFactory;
  /** Runs the interactive client; loaded lazily so `send` and `tail` never load Ink. */
  readonly runChat?: (settings: Settings, credentials: ScriptCredentials) => Promise<void>;
  /** Resolves when the user interrupts (Ctrl+C, SIGTERM). */
  readonly interrupted?: (signal: AbortController) => void;
}

const ACCOUNTS_HELP = `
Accounts:
  aurora-chat register --name alice   create an account (asks for the password twice)
  aurora-chat login --name alice      log in; the chat, send and tail then use the session
  aurora-chat logout [--everywhere]   log out here, or on every device
  aurora-chat password                change the password; your other devices are logged out
                                      unless --keep-sessions
  aurora-chat password --reset-code CODE
                                      forgot it: set a new one with the code an admin printed
                                      (aurora-server admin reset-password NAME)
  aurora-chat account delete          delete the account (asks you to type its name; --yes skips)
  In the chat: /register, /login, /logout [--everywhere], /password [--keep-sessions]. Passwords are typed without echo (or piped
  with --password-stdin), never given as flags. Sessions, never passwords, are kept per server in
  $XDG_CONFIG_HOME/aurora/credentials.json (else ~/.config/aurora/credentials.json), mode 0600.`;

/** The flags of `tail`. */
type TailFlags = CommonFlags & {
  history: number;
  json?: boolean;
  since?: string;
  cursorFile?: string;
  untilIdle?: boolean;
  once?: boolean;
};

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

function positiveInteger(name: string, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n > max)
      throw new InvalidArgumentError(`${name} takes a whole number from 0 to ${max}`);
    return n;
  };
}

function common(command: Command, roomHelp: string): Command {
  return identity(command.option('-r, --room <rooms>', roomHelp, collect));
}

/**
 * `--wait`, for the modes that run until stopped (chat, tail): started before the server (a tmux
 * layout, a service), they keep trying instead of stopping. `send` and the account commands answer
 * once and stay fail-fast.
 */
function waiting(command: Command): Command {
  return command.option(
    '-w, --wait',
    'keep trying until the server is up, instead of stopping when it cannot be reached',
  );
}

/** The flags that say who connects where. */
function identity(command: Command): Command {
  return command
    .option('-n, --name <nick>', 'your name (default: $AURORA_NAME, config, login name)')
    .option(
      '-s, --server <address>',
      'server: host:port, ws://, wss://, http://, https:// (default: $AURORA_SERVER, config, localhost:8000)',
    )
    .option('-c, --config <file>', 'config file (default: ~/.config/aurora/config.json)');
}

/**
 * Runs aurora-chat with the given arguments and returns the exit code. Every failure ends as one
 * line on stderr, `aurora-chat: what went wrong [code]`, never a stack trace.
 */
export async function runProgram(argv: readonly string[], io: ProgramIo): Promise<number> {
  const socketFactory = io.socketFactory ?? wsSocketFactory;
  const settingsOf = async (flags: CommonFlags) => {
    const settings = await resolveSettings(flags, { env: io.env, home: homedir(), username: loginName() });
    for (const warning of settings.warnings) io.stderr.write(`aurora-chat: ${warning}\n`);
    return settings;
  };
  const store = new CredentialStore(credentialsPath(io.env, homedir()));
  /** The stored session for the name and server, so a logged-in user never types a password again. */
  const credentialsOf = async (settings: Settings): Promise<ScriptCredentials> => {
    const session = await store.get(settings.url, settings.nick);
    return session ? { store, session } : { store };
  };
  const program = new Command('aurora-chat')
    .description('Aurora terminal chat: chat interactively, or send and tail messages from scripts.')
    .version(CLIENT_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .helpCommand('help [command]', 'show the help of a command')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => {},
    })
    .showSuggestionAfterError(true)
    .enablePositionalOptions()
    .addHelpText('after', ACCOUNTS_HELP);

  waiting(common(program, 'rooms to join: dev or dev,ops (repeatable)'))
    .addOption(
      new Option('-b, --bell <mode>', 'ring the terminal bell on: off, mentions, all').choices([
        'off',
        'mentions',
        'all',
      ]),
    )
    // Checked with the config file's value in resolveSettings, with one message listing the choices.
    .option(
      '--notify <kind>',
      'desktop notifications on mentions and direct messages: auto, osc777, osc9, osc99, bell, off (default: auto, from the terminal)',
    )
    .option(
      '--title <mode>',
      'set the terminal title to the unread count and the room: on, off (default: on)',
    )
    .option(
      '--quiet-joins <members>',
      'hide joins, leaves and renames in rooms with more members than this: a number, always or never (default: 50); runs of them show as one line',
    )
    // Words after the chat's flags are taken, so a mistyped command is named as one below, not
    // refused as "too many arguments".
    .allowExcessArguments()
    .action(async (flags: CommonFlags, command: Command) => {
      const [word] = command.args;
      if (word !== undefined) throw unknownCommand(word, program);
      if (!io.stdin.isTTY || !io.stdout.isTTY)
        throw new CliError(
          CliErrorCode.NotATerminal,
          'the chat needs a terminal (stdin and stdout must be a TTY); for scripts use `aurora-chat send` or `aurora-chat tail` (see --help)',
        );
      const settings = await settingsOf(flags);
      if (!io.runChat)
        throw new CliError(CliErrorCode.BadUsage, 'the interactive client is not available here');
      await io.runChat(settings, await credentialsOf(settings));
    });

  common(program.command('send'), 'the room to post to')
    .description(
      'send one message and wait until the server stored it; the text comes from the arguments or stdin',
    )
    .argument('[text...]', 'the message (default: read stdin)')
    .option('-t, --to <nick>', 'send a direct message to this person instead')
    .option(
      '--id <key>',
      'make retries safe: every run with the same key (and room or person) posts the message once',
    )
    .option(
      '--reply-to <seq>',
      'answer the message with this number (its seq) in the room or conversation',
      positiveInteger('--reply-to', Number.MAX_SAFE_INTEGER),
    )
    .option('--timeout <seconds>', 'give up after this long', positiveInteger('--timeout', 3600), 10)
    .action(
      async (
        words: string[],
        flags: CommonFlags & { to?: string; id?: string; replyTo?: number; timeout: number },
      ) => {
        const settings = await settingsOf(flags);
        const text = words.length > 0 ? words.join(' ') : io.stdin.isTTY ? '' : await readAll(io.stdin);
        await sendMessage({
          settings,
          text,
          ...(flags.to ? { to: flags.to } : {}),
          ...(flags.id === undefined ? {} : { id: flags.id }),
          ...(flags.replyTo === undefined ? {} : { replyTo: flags.replyTo }),
          timeoutMs: Math.max(1, flags.timeout) * 1000,
          socketFactory,
          credentials: await credentialsOf(settings),
        });
      },
    );

  waiting(common(program.command('tail'), 'rooms to follow: dev or dev,ops (repeatable)'))
    .description(
      'print messages as they arrive, one per line, until Ctrl+C or SIGTERM (with --until-idle: what is new, then exit)',
    )
    .option(
      '--history <n>',
      'print the last N messages of each room first (rooms the cursor does not name)',
      positiveInteger('--history', 10_000),
      0,
    )
    .option(
      '--json',
      'one JSON object per line, each with a resume cursor (the lines are a stable interface: see PROTOCOL.md)',
    )
    .option(
      '--since <cursor>',
      'start right after a cursor that tail printed: nothing skipped, nothing twice',
    )
    .option(
      '--cursor-file <path>',
      'start from the cursor saved in this file (if there is one) and keep it saved after every line',
    )
    .option('--until-idle', 'print what is new, then exit (for cron); joins no room')
    .addOption(new Option('--once', 'same as --until-idle'))
    .action(async (flags: TailFlags) => {
      const settings = await settingsOf(flags);
      const cursorFile = flags.cursorFile === undefined ? undefined : new CursorFile(flags.cursorFile);
      const since = flags.since !== undefined ? cursorPositions(flags.since) : cursorFile?.read();
      const controller = new AbortController();
      io.interrupted?.(controller);
      await tailMessages({
        settings,
        history: flags.history,
        json: flags.json === true,
        socketFactory,
        write: (line) => io.stdout.write(`${line}\n`),
        warn: (line) => io.stderr.write(`${sanitizeForTerminal(line)}\n`),
        signal: controller.signal,
        credentials: await credentialsOf(settings),
        ...(since ? { since } : {}),
        ...(cursorFile ? { cursorFile } : {}),
        untilIdle: flags.untilIdle === true || flags.once === true,
      });
    });

  identity(program.command('search'))
    .description(
      'print the newest messages that match, one per line: every room of your account and your direct messages, or one room with --room',
    )
    .argument(
      '<query...>',
      'words, "a phrase", prefix*, from:NAME, in:#room or in:@name, before:DATE, after:DATE',
    )
    .option(
      '-r, --room <room>',
      'search this room only (needed as a guest: it is searched without joining it)',
    )
    .option(
      '--limit <n>',
      `how many results, newest first (1 to ${MOST_RESULTS})`,
      positiveInteger('--limit', MOST_RESULTS),
      20,
    )
    .option('--json', 'one JSON object per line: type, target, kind, from, ts, id, seq, snippet, parts')
    .option('--timeout <seconds>', 'give up after this long', positiveInteger('--timeout', 3600), 10)
    .action(
      async (
        words: string[],
        flags: Omit<CommonFlags, 'room'> & { room?: string; limit: number; json?: boolean; timeout: number },
      ) => {
        const { room, ...rest } = flags;
        const settings = await settingsOf(rest);
        const plain = !io.stdout.isTTY || io.env.NO_COLOR !== undefined;
        await searchMessages({
          settings,
          query: words.join(' '),
          ...(room === undefined ? {} : { room }),
          json: flags.json === true,
          limit: Math.max(1, flags.limit),
          marks: plain ? NO_MARKS : BOLD_MARKS,
          timeoutMs: Math.max(1, flags.timeout) * 1000,
          socketFactory,
          write: (line) => io.stdout.write(`${line}\n`),
          credentials: await credentialsOf(settings),
        });
      },
    );

  const account = (name: string, description: string) =>
    identity(program.command(name))
      .description(description)
      .option('--timeout <seconds>', 'give up after this long', positiveInteger('--timeout', 3600), 30);
  const accountOptions = async (flags: CommonFlags & { timeout: number }): Promise<AccountOptions> => ({
    settings: await settingsOf(flags),
    socketFactory,
    store,
    timeoutMs: Math.max(1, flags.timeout) * 1000,
  });
  type PasswordFlags = CommonFlags & { timeout: number; passwordStdin?: boolean };
  const passwordSource = (flags: PasswordFlags) => ({
    stdin: io.stdin,
    stderr: io.stderr,
    fromStdin: flags.passwordStdin === true,
  });
  const password = (options: AccountOptions, flags: PasswordFlags, confirm: boolean) =>
    askPassword(passwordSource(flags), `${options.settings.nick} on ${options.settings.server}`, confirm);
  const askLine = async (question: string) => {
    const lines = createInterface({ input: io.stdin, output: io.stderr });
    try {
      return await lines.question(question);
    } finally {
      lines.close();
    }
  };
  const STDIN_HELP = 'read the password from the first line of stdin (for scripts) instead of asking';

  account('register', 'create an account for --name and log in; asks for the password twice, without echo')
    .option('--password-stdin', STDIN_HELP)
    .action(async (flags: PasswordFlags) => {
      const options = await accountOptions(flags);
      io.stdout.write(`${await registerAccount(options, await password(options, flags, true))}\n`);
    });

  account('login', 'log in as --name and keep the session (never the password) for chat, send and tail')
    .option('--password-stdin', STDIN_HELP)
    .action(async (flags: PasswordFlags) => {
      const options = await accountOptions(flags);
      io.stdout.write(`${await loginAccount(options, await password(options, flags, false))}\n`);
    });

  account('password', 'change the password of --name; asks for the current one, then the new one twice')
    .option('--password-stdin', 'read the current and the new password from two lines of stdin')
    .option('--keep-sessions', 'keep your other devices logged in')
    .option(
      '--reset-code <code>',
      "set a new password with an admin's one-time code instead (no log-in needed)",
    )
    .action(async (flags: PasswordFlags & { keepSessions?: boolean; resetCode?: string }) => {
      const options = await accountOptions(flags);
      const { nick, server } = options.settings;
      if (flags.resetCode !== undefined) {
        const next = await password(options, flags, true);
        io.stdout.write(`${await resetPassword(options, flags.resetCode, next)}\n`);
        return;
      }
      await storedSession(options);
      const passwords = await askPasswordChange(passwordSource(flags), `${nick} on ${server}`);
      io.stdout.write(`${await changePassword(options, passwords, flags.keepSessions === true)}\n`);
    });

  const accountGroup = program.command('account').description('manage your account (see: account delete)');
  identity(accountGroup.command('delete'))
    .description('delete the account of --name for good; its messages stay, its name is held a while')
    .option('--timeout <seconds>', 'give up after this long', positiveInteger('--timeout', 3600), 30)
    .option('--password-stdin', STDIN_HELP)
    .option('--yes', 'do not ask to type the name to confirm (for scripts)')
    .action(async (flags: PasswordFlags & { yes?: boolean }) => {
      const options = await accountOptions(flags);
      const { nick } = options.settings;
      await storedSession(options);
      const ask = flags.yes === true || !io.stdin.isTTY ? undefined : askLine;
      if (flags.yes !== true) await confirmDeletion(ask, io.stderr, nick);
      const secret = await password(options, flags, false);
      io.stdout.write(`${await deleteAccount(options, secret)}\n`);
    });

  account('logout', 'log the stored session of --name out and forget it')
    .option('--everywhere', 'log out every session of the account, on every device')
    .action(async (flags: CommonFlags & { timeout: number; everywhere?: boolean }) => {
      const options = await accountOptions(flags);
      io.stdout.write(`${await logoutAccount(options, flags.everywhere === true)}\n`);
    });

  try {
    await program.parseAsync(withoutLeadingSeparator(argv), { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      const message = error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
      io.stderr.write(`aurora-chat: ${message} (see aurora-chat --help) [${CliErrorCode.BadUsage}]\n`);
      return 2;
    }
    const { line, exitCode } = describeError(error);
    io.stderr.write(`${line}\n`);
    return exitCode;
  }
}

/**
 * The arguments without a lone leading `--`: `pnpm chat -- --room dev` passes it on, and it can only
 * mean "the flags follow", never "what follows is a positional argument" (the chat takes none).
 */
export function withoutLeadingSeparator(argv: readonly string[]): readonly string[] {
  return argv[0] === '--' ? argv.slice(1) : argv;
}

/** The error for a first word that is no command, listing the commands there are. */
function unknownCommand(word: string, program: Command): CliError {
  const names = [...program.commands.map((command) => command.name()), 'help'];
  return new CliError(
    CliErrorCode.UnknownCommand,
    `unknown command ${JSON.stringify(word)}; the commands are ${names.join(', ')}, or none for the chat (see aurora-chat --help)`,
  );
}
