import type { SocketFactory } from 'aurora-client';
import { SearchError } from 'aurora-client';
import { checkRoom, type ServerMessageOf } from 'aurora-protocol';
import { type MatchMarks, searchJson, searchText } from '../core/search-format.js';
import { CliError, CliErrorCode } from './cli-error.js';
import { type ScriptCredentials, scriptSession, settleOn } from './script-session.js';
import type { Settings } from './settings.js';

/** What `aurora-chat search` needs. */
export interface SearchCommandOptions {
  readonly settings: Settings;
  /** The query, in the protocol's syntax (`words "a phrase" pre* from:alice in:#dev`). */
  readonly query: string;
  /** Search this room only (`in:#room`). */
  readonly room?: string;
  readonly json: boolean;
  readonly limit: number;
  /** How matches are marked in text output. */
  readonly marks: MatchMarks;
  readonly timeoutMs: number;
  readonly socketFactory: SocketFactory;
  /** Where results go, one per line. */
  readonly write: (line: string) => void;
  readonly credentials?: ScriptCredentials;
}

/**
 * Prints the newest `limit` matches, one per line, and resolves with how many there were. Joins no
 * room (so it leaves no join or leave notices): a logged-in user searches every room of the account
 * and its direct conversations; a guest names a room with `--room`, which the server lets anyone
 * search, as it lets anyone read a room's history.
 */
export async function searchMessages(options: SearchCommandOptions): Promise<number> {
  const { settings, room } = options;
  if (options.query.trim() === '')
    throw new CliError(CliErrorCode.BadUsage, 'search needs a query, as in: aurora-chat search "deploy*"');
  if (room === undefined && !options.credentials?.session)
    throw new CliError(
      CliErrorCode.BadUsage,
      'search needs a room (--room) unless you are logged in (then it searches every room of your account)',
    );
  const query = room === undefined ? options.query : `${options.query} in:#${roomFilter(room)}`;
  const session = scriptSession(settings, [], options.socketFactory, options.credentials);
  const { connection } = session;
  try {
    const page = await settleOn<ServerMessageOf<'search_results'>>({
      connection,
      settings,
      timeoutMs: options.timeoutMs,
      awaited: 'search results',
      handle: (event, found, refused) => {
        if (event.type !== 'status' || event.status.state !== 'online') return;
        connection.search(query, { limit: options.limit }).then(found, (error: unknown) => {
          if (error instanceof SearchError && error.code === 'disconnected') return; // searched again once back
          refused(
            error instanceof SearchError
              ? new CliError(error.code, `the search failed: ${error.message}`)
              : new CliError('internal', String(error)),
          );
        });
      },
    });
    for (const hit of page.results)
      options.write(options.json ? searchJson(hit) : searchText(hit, options.marks));
    return page.results.length;
  } finally {
    await session.finish();
  }
}

/** The room of `--room`, checked as every room flag is: a space or a filter in it would change the query. */
function roomFilter(room: string): string {
  const checked = checkRoom(room);
  if (!checked.ok)
    throw new CliError(CliErrorCode.BadUsage, `"${room}" cannot be a room: ${checked.problem.message}`);
  return checked.name;
}
