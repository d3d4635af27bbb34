import type { ServerMessage, ServerMessageOf } from 'aurora-protocol';

/** Options of a search: the page size, and the `next` cursor of the previous page. */
export interface SearchOptions {
  readonly limit?: number;
  readonly before?: number;
}

/** A search the server refused (`bad_query`, `rate_limited`...), or that the connection lost. */
export class SearchError extends Error {
  override readonly name = 'SearchError';

  constructor(
    /** The server's error code, or `disconnected` when the socket closed first. */
    readonly code: string,
    message: string,
    /** With `rate_limited`: how long to wait before searching again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

const PREFIX = 'search-';

/**
 * Searches in flight, matched to their answers by `ref`: each resolves with its `search_results`
 * or rejects with the error that answered it, or when the socket closes before an answer.
 */
export class SearchRequests {
  readonly #waiting = new Map<
    string,
    { resolve: (page: ServerMessageOf<'search_results'>) => void; reject: (error: SearchError) => void }
  >();
  #made = 0;

  /** A new request's ref and the promise of its answer. */
  start(): { ref: string; answer: Promise<ServerMessageOf<'search_results'>> } {
    const ref = `${PREFIX}${++this.#made}`;
    const answer = new Promise<ServerMessageOf<'search_results'>>((resolve, reject) => {
      this.#waiting.set(ref, { resolve, reject });
    });
    return { ref, answer };
  }

  /** Settles the request a frame answers; true when it answered one (an error is then consumed). */
  answered(message: ServerMessage): boolean {
    if ((message.type !== 'search_results' && message.type !== 'error') || message.ref === undefined)
      return false;
    const request = this.#waiting.get(message.ref);
    if (!request) return false;
    this.#waiting.delete(message.ref);
    if (message.type === 'search_results') request.resolve(message);
    else request.reject(new SearchError(message.code, message.message, message.retryAfterMs));
    return true;
  }

  /** The socket closed: every search still waiting fails (the caller may search again). */
  lost(): void {
    for (const request of this.#waiting.values())
      request.reject(new SearchError('disconnected', 'the connection closed before the search was answered'));
    this.#waiting.clear();
  }
}
