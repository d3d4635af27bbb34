import type { SocketFactory } from 'aurora-client';
import { dmTarget } from 'aurora-client';
import { type ChatMessage, LIMITS, type ServerMessageOf, sameName } from 'aurora-protocol';
import { tailJson, tailText } from '../core/tail-format.js';
import { CliError, CliErrorCode } from './cli-error.js';
import { type ScriptCredentials, scriptSession, statusError } from './script-session.js';
import type { Settings } from './settings.js';

/** What `aurora-chat tail` needs. */
export interface TailOptions {
  readonly settings: Settings;
  /** How many earlier messages to print per room first. */
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
}

interface RoomTail {
  /** Messages held back while older history is fetched, so lines stay in order. */
  held: ChatMessage[] | undefined;
  joinedHistory: ChatMessage[];
}

/**
 * Prints messages as they arrive, one per line, until the signal aborts. With `history`, first the last
 * N messages of each room (paging older ones in when the join brought fewer). After a reconnect it
 * resumes from the last printed message, so nothing is missed or printed twice.
 */
export async function tailMessages(options: TailOptions): Promise<void> {
  const { settings } = options;
  // Logged in, direct messages alone are worth following: they reach every connection of the account.
  if (settings.rooms.length === 0 && !options.credentials?.session)
    throw new CliError(
      CliErrorCode.BadUsage,
      'tail needs at least one room (--room), unless you are logged in (then it follows direct messages)',
    );
  const session = scriptSession(settings, settings.rooms, options.socketFactory, options.credentials);
  const { connection } = session;
  let me = settings.nick;
  const printed = new Map<string, number>();
  const rooms = new Map<string, RoomTail>();
  const print = (message: ChatMessage) => {
    const target = message.room ?? dmTarget(message.from === me ? (message.to ?? '') : message.from);
    if ((printed.get(target) ?? 0) >= message.seq) return;
    printed.set(target, message.seq);
    options.write(options.json ? tailJson(message) : tailText(message, me));
  };
  const onJoined = (joined: ServerMessageOf<'joined'>) => {
    const resumed = printed.has(joined.room);
    if (resumed && joined.history.length === 0) return; // resumed: the replay follows
    // The join's own notice ends its history; it is printed, but not one of the N earlier messages.
    const own = endsWithOwnJoin(joined.history, me) ? 1 : 0;
    const earlier = joined.history.slice(0, joined.history.length - own);
    const wanted = resumed ? earlier.length : options.history;
    const shown = [
      ...earlier.slice(Math.max(0, earlier.length - wanted)),
      ...joined.history.slice(earlier.length),
    ];
    if (!resumed) printed.set(joined.room, (shown[0]?.seq ?? joined.seq + 1) - 1);
    const missing = wanted - (shown.length - own);
    const first = joined.history[0];
    if (missing > 0 && joined.more && first) {
      rooms.set(joined.room, { held: [], joinedHistory: shown });
      printed.set(joined.room, 0);
      connection.history(joined.room, first.seq, Math.min(missing, LIMITS.historyPageMax));
      return;
    }
    for (const message of shown) print(message);
  };
  const onHistory = (page: ServerMessageOf<'history'>) => {
    const room = rooms.get(page.target);
    if (!room?.held) return;
    const held = room.held;
    room.held = undefined;
    for (const message of [...page.messages, ...room.joinedHistory, ...held]) print(message);
  };

  await new Promise<void>((resolve, reject) => {
    const stop = () => resolve();
    options.signal.addEventListener('abort', stop, { once: true });
    connection.subscribe((event) => {
      if (event.type === 'status') {
        const status = event.status;
        const stopped = statusError(status, settings);
        if (stopped) reject(stopped);
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
        } else if (status.state === 'online') me = status.nick;
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
      else if (message.type === 'message') {
        const held = message.room === undefined ? undefined : rooms.get(message.room)?.held;
        if (held) held.push(message);
        else print(message);
      } else if (message.type === 'error' && message.room !== undefined)
        reject(new CliError(message.code, `cannot tail ${message.room}: ${message.message}`));
    });
    if (options.signal.aborted) stop();
    else connection.start();
  }).finally(() => session.finish());
}

/** True when the last message of a join's history is the notice of `me` joining (this very join). */
function endsWithOwnJoin(history: readonly ChatMessage[], me: string): boolean {
  const last = history.at(-1)?.event;
  return last?.kind === 'join' && sameName(last.nick, me);
}
