import type { Connection, SocketFactory, StreamPositions } from 'aurora-client';
import { targetOfWire } from 'aurora-client';
import { type ChatMessage, LIMITS, type ServerMessageOf, sameName } from 'aurora-protocol';
import { CliError, CliErrorCode } from './cli-error.js';
import type { CursorFile } from './cursor-file.js';
import { guarded, type ScriptCredentials, scriptSession, statusError } from './script-session.js';
import type { Settings } from './settings.js';
import { catchUp } from './tail-catch-up.js';
import { TailPrinter } from './tail-printer.js';

/** What `aurora-chat tail` needs. */
export interface TailOptions {
  readonly settings: Settings;
  /** How many earlier messages to print per room first (rooms the start positions do not name). */
  readonly history: number;
  readonly json: boolean;
  readonly socketFactory: SocketFactory;
  /** Where messages go, one per line. */
  readonly write: (line: string) => void;
  /** Where connection trouble is reported. */
  readonly warn: (line: string) => void;
  /** Stops tailing (Ctrl+C, SIGTERM); the promise then resolves. */
  readonly signal: AbortSignal;
  /** The stored session to follow as (and the file to drop it from when it ended). */
  readonly credentials?: ScriptCredentials;
  /** Where to start (`--since`, or the cursor file): after these positions, nothing skipped. */
  readonly since?: StreamPositions;
  /** Where to keep the cursor after every line (`--cursor-file`). */
  readonly cursorFile?: CursorFile;
  /** Print what is new and stop (`--until-idle`), reading history without joining any room. */
  readonly untilIdle?: boolean;
}

interface RoomTail {
  /** Messages held back while older history is fetched, so lines stay in order. */
  held: ChatMessage[] | undefined;
  joinedHistory: ChatMessage[];
  /** The page of older history asked for, to ask again if the socket drops before it comes. */
  readonly before: number;
  readonly limit: number;
}

/**
 * Prints messages as they arrive, one per line, until the signal aborts; with `untilIdle`, prints
 * what is new and resolves. Without start positions a room starts with its last `history` messages
 * (paging older ones in when the join brought fewer); with them, right after them. After a reconnect
 * it resumes from the last printed message, so nothing is missed or printed twice.
 */
export async function tailMessages(options: TailOptions): Promise<void> {
  const { settings } = options;
  // Logged in, direct messages alone are worth following: they reach every connection of the account.
  if (settings.rooms.length === 0 && !options.credentials?.session)
    throw new CliError(
      CliErrorCode.BadUsage,
      'tail needs at least one room (--room), unless you are logged in (then it follows direct messages)',
    );
  let me = settings.nick;
  const printer = new TailPrinter(options, options.since, () => me);
  printer.saveStart();
  // Catching up reads history without joining, so it posts no join or leave notices.
  const rooms = options.untilIdle ? [] : settings.rooms;
  const session = scriptSession(settings, rooms, options.socketFactory, options.credentials, {
    ...(options.since && !options.untilIdle ? { resume: options.since } : {}),
  });
  session.connection.subscribe((event) => {
    if (event.type === 'status' && event.status.state === 'online') me = event.status.nick;
  });
  const run = options.untilIdle
    ? catchUp({ ...options, printer, connection: session.connection })
    : follow(options, printer, session.connection, () => me);
  await run.finally(() => session.finish());
}

/** Tails live, joined to the rooms, until the signal aborts. */
function follow(
  options: TailOptions,
  printer: TailPrinter,
  connection: Connection,
  me: () => string,
): Promise<void> {
  const { settings } = options;
  const rooms = new Map<string, RoomTail>();
  /** Rooms whose unrecovered join was dealt with (a gap printed or not), before its `resumed`. */
  const rejoined = new Set<string>();
  // The targets still to be printed up to date before `caught_up`.
  const pending = new Set([...settings.rooms, ...printer.conversations()]);
  const settled = (target: string) => {
    pending.delete(target);
    if (pending.size === 0) printer.caughtUp();
  };
  const onJoined = (joined: ServerMessageOf<'joined'>) => {
    const room = joined.room;
    const paging = rooms.get(room);
    if (paging?.held) {
      // Rejoined before the older page came: ask again; the replay meanwhile is held like live lines.
      paging.held.push(...joined.history);
      connection.history(room, paging.before, paging.limit);
      return;
    }
    const position = printer.position(room);
    if (position !== undefined) {
      // A resume: the replay and `resumed` follow. A join with history is one the server could not
      // serve: print what it has after the place, with a gap line when messages are missing before it.
      const first = joined.history[0];
      if (first) {
        rejoined.add(room);
        // Behind the place, the server lost its data: the place goes back to what it has now.
        if (joined.seq < position) printer.gap(room, first.seq - 1);
        // Seqs have no holes: a first seq past the next one means retention dropped some.
        else if (first.seq > position + 1) printer.gap(room, first.seq - 1);
      }
      for (const message of joined.history) printer.print(message);
      return;
    }
    // The join's own notice ends its history; it is printed, but not one of the N earlier messages.
    const own = endsWithOwnJoin(joined.history, me()) ? 1 : 0;
    const earlier = joined.history.slice(0, joined.history.length - own);
    const shown = [
      ...earlier.slice(Math.max(0, earlier.length - options.history)),
      ...joined.history.slice(earlier.length),
    ];
    const missing = options.history - (shown.length - own);
    const first = joined.history[0];
    if (missing > 0 && joined.more && first) {
      const page = { before: first.seq, limit: Math.min(missing, LIMITS.historyPageMax) };
      rooms.set(room, { held: [], joinedHistory: shown, ...page });
      printer.unsettle(room);
      connection.history(room, page.before, page.limit);
      return;
    }
    printer.begin(room, (shown[0]?.seq ?? joined.seq + 1) - 1);
    for (const message of shown) printer.print(message);
    settled(room);
  };
  const onHistory = (page: ServerMessageOf<'history'>) => {
    const room = rooms.get(page.target);
    if (!room?.held) return;
    const all = [...page.messages, ...room.joinedHistory, ...room.held];
    room.held = undefined;
    printer.begin(page.target, (all[0]?.seq ?? 1) - 1);
    for (const message of all) printer.print(message);
    settled(page.target);
  };
  const onResumed = (resumed: ServerMessageOf<'resumed'>) => {
    const target = targetOfWire(resumed.target);
    if (rooms.get(target)?.held) return; // still paging: settled when the older page comes
    if (!resumed.recovered && !rejoined.delete(target)) printer.gap(target, resumed.seq);
    settled(target);
  };

  return new Promise<void>((resolve, reject) => {
    const stop = () => resolve();
    options.signal.addEventListener('abort', stop, { once: true });
    connection.subscribe(
      guarded(reject, (event) => {
        if (event.type === 'status') {
          const status = event.status;
          const stopped = statusError(status, settings);
          if (stopped) reject(stopped);
          // Logged in without rooms or conversations to resume: nothing to print up to date.
          else if (status.state === 'online' && pending.size === 0) printer.caughtUp();
          else if (status.state === 'reconnecting') {
            // With --wait, before the server was ever reached, there is nothing to reconnect to yet:
            // said once, not at every attempt of a service that waits for hours.
            if (status.everOnline)
              options.warn(
                `aurora-chat: ${status.reason}; reconnecting in ${Math.ceil((status.retryAt - Date.now()) / 1000)} s`,
              );
            else if (status.attempt === 1)
              options.warn(
                `aurora-chat: cannot reach ${settings.url} yet: ${status.reason}; trying again until it is up`,
              );
          }
          return;
        }
        // Dropped by the connection, which reports the first of each socket: a line for whoever debugs.
        if (event.type === 'bad-frame')
          options.warn(
            `aurora-chat: dropped a frame the server sent that this client cannot read: ${event.error.message}`,
          );
        if (event.type !== 'server') return;
        const message = event.message;
        if (message.type === 'joined') onJoined(message);
        else if (message.type === 'history') onHistory(message);
        else if (message.type === 'resumed') onResumed(message);
        else if (message.type === 'message') {
          const held = message.room === undefined ? undefined : rooms.get(message.room)?.held;
          if (held) held.push(message);
          else printer.print(message);
        } else if (message.type === 'error' && message.room !== undefined)
          reject(new CliError(message.code, `cannot tail ${message.room}: ${message.message}`));
      }),
    );
    if (options.signal.aborted) stop();
    else connection.start();
  });
}

/** True when the last message of a join's history is the notice of `me` joining (this very join). */
function endsWithOwnJoin(history: readonly ChatMessage[], me: string): boolean {
  const last = history.at(-1)?.event;
  return last?.kind === 'join' && sameName(last.nick, me);
}
