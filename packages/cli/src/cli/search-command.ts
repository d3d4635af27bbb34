import { setTimeout as delay } from 'node:timers/promises';
import { SearchError, type SearchOptions, type SocketFactory } from 'aurora-client';
import { checkRoom, ErrorCode, SEARCH_LIMITS, type ServerMessageOf } from 'aurora-protocol';
import { type MatchMarks, searchJson, searchText } from '../core/search-format.js';
import { CliError, CliErrorCode } from './cli-error.js';
import { type ScriptCredentials, scriptSession, settleOn } from './script-session.js';
import type { Settings } from './settings.js';

type SearchResults = ServerMessageOf<'search_results'>;
type SearchHit = SearchResults['results'][number];

/** Most results one `aurora-chat search` prints: ten of the server's largest pages. */
export const MOST_RESULTS = 10 * SEARCH_LIMITS.pageMax;

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
  /** How the walk waits out a rate limit between pages (real time unless a test hands one in). */
  readonly wait?: (ms: number) => Promise<void>;
}

/**
 * Prints the newest `limit` matches, one per line (following the server's pages), and resolves with how many there were. Joins no
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
  const pages = new PageWalk(options.limit, options.wait ?? delay);
  try {
    const hits = await settleOn<readonly SearchHit[]>({
      connection,
      settings,
      timeoutMs: options.timeoutMs,
      awaited: 'search results',
      handle: (event, found, refused) => {
        if (event.type !== 'status' || event.status.state !== 'online') return;
        pages
          .walk((request) => connection.search(query, request))
          .then(found, (error: unknown) => {
            if (error instanceof SearchError && error.code === 'disconnected') return; // goes on once back
            refused(
              error instanceof SearchError
                ? new CliError(error.code, `the search failed: ${error.message}`)
                : new CliError('internal', String(error)),
            );
          });
      },
    });
    for (const hit of hits) options.write(options.json ? searchJson(hit) : searchText(hit, options.marks));
    return hits.length;
  } finally {
    await session.finish();
  }
}

/**
 * The pages of one search, newest first, followed through `next` until `limit` results are in or
 * the server has no more. A page may be short or even empty and still have a `next` (a store reads
 * a bounded number of candidates per page), so a short page is not the end. What was found before
 * the connection dropped is kept: the walk goes on from the last `next` once online again.
 */
export class PageWalk {
  readonly #hits: SearchHit[] = [];
  #before: number | undefined;
  #walking = false;
  readonly #limit: number;
  readonly #wait: (ms: number) => Promise<void>;

  /** `wait` resolves after `ms`: searches count against the rate limit, and a long walk waits its turn. */
  constructor(limit: number, wait: (ms: number) => Promise<void>) {
    this.#limit = limit;
    this.#wait = wait;
  }

  /** Fetches pages from where the walk stands until it is done; resolves with every result. */
  async walk(page: (request: SearchOptions) => Promise<SearchResults>): Promise<readonly SearchHit[]> {
    if (this.#walking) return new Promise(() => {}); // one walk at a time; the running one settles
    this.#walking = true;
    try {
      while (this.#hits.length < this.#limit) {
        const answer = await this.#answer(page);
        if (answer === undefined) continue;
        this.#hits.push(...answer.results.slice(0, this.#limit - this.#hits.length));
        // `next` only ever moves back in time; one that does not is a server fault, not a reason to loop.
        if (answer.next === undefined || (this.#before !== undefined && answer.next >= this.#before)) break;
        this.#before = answer.next;
      }
      return this.#hits;
    } finally {
      this.#walking = false;
    }
  }

  /** The page at where the walk stands, or nothing after waiting out a rate limit. */
  async #answer(
    page: (request: SearchOptions) => Promise<SearchResults>,
  ): Promise<SearchResults | undefined> {
    try {
      const limit = Math.min(SEARCH_LIMITS.pageMax, this.#limit - this.#hits.length);
      return await page(this.#before === undefined ? { limit } : { limit, before: this.#before });
    } catch (error) {
      if (!(error instanceof SearchError) || error.code !== ErrorCode.RateLimited) throw error;
      await this.#wait(error.retryAfterMs ?? 1000);
      return undefined;
    }
  }
}

/** The room of `--room`, checked as every room flag is: a space or a filter in it would change the query. */
function roomFilter(room: string): string {
  const checked = checkRoom(room);
  if (!checked.ok)
    throw new CliError(CliErrorCode.BadUsage, `"${room}" cannot be a room: ${checked.problem.message}`);
  return checked.name;
}
