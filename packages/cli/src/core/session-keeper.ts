import type { ChatConnection } from 'aurora-client';
import type { CredentialStore } from './credentials.js';

/**
 * Keeps the credentials file in step with a connection: stores the token of every log-in and
 * forgets a token once it stopped working (only that token: another client may have stored a newer
 * one meanwhile). Writes run one after another, in the order the events came.
 */
export class SessionKeeper {
  private queue: Promise<void> = Promise.resolve();
  private failure: unknown;
  private readonly unsubscribe: () => void;

  /**
   * Starts keeping the sessions of `connection` to the server at `server` (its WebSocket URL).
   * `onError` hears about a write that failed; without it, {@link settled} rejects with the failure.
   */
  constructor(
    connection: ChatConnection,
    private readonly store: CredentialStore,
    private readonly server: string,
    private readonly onError?: (error: unknown) => void,
  ) {
    this.unsubscribe = connection.subscribe((event) => {
      if (event.type === 'session-started') {
        const { account: name, token, expiresAt } = event;
        this.enqueue(() => this.store.save(this.server, { name, token, expiresAt }));
      } else if (event.type === 'session-ended') {
        const { account, token } = event;
        this.enqueue(() => this.store.remove(this.server, account, token).then(() => undefined));
      }
    });
  }

  /** Resolves once every write asked for so far is done; rejects with a failure nobody was told of. */
  async settled(): Promise<void> {
    await this.queue;
    if (this.failure !== undefined) throw this.failure;
  }

  /** Stops listening (writes already asked for still finish). */
  stop(): void {
    this.unsubscribe();
  }

  private enqueue(write: () => Promise<void>): void {
    this.queue = this.queue.then(write).catch((error: unknown) => {
      if (this.onError) this.onError(error);
      else this.failure ??= error;
    });
  }
}
