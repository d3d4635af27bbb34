import { type ClientMessageOf, type ServerMessageOf, sameName } from 'aurora-protocol';
import type { ConnectionEvent } from './connection-types.js';

/**
 * A `register`, `login` or `reset_password` frame: what a connection may send before its hello. Its
 * `ref` tells the answer (`auth`, `password_changed` or an error) apart from others.
 */
export type AuthRequest =
  | ClientMessageOf<'register'>
  | ClientMessageOf<'login'>
  | ClientMessageOf<'reset_password'>;

/** The refs account requests are sent with. */
export const AUTH_REFS: ReadonlySet<string> = new Set(['register', 'login', 'reset_password']);

type SessionEvent = Extract<ConnectionEvent, { type: 'session-started' | 'session-ended' }>;

/**
 * The account side of a connection: the token it greets with (never a password), a log-in waiting
 * for a socket to open, and whether a log-out was asked for here. It only keeps state and says what
 * happened; the connection decides what to write.
 */
export class AccountLink {
  #current: { readonly account: string; readonly token: string } | undefined;
  #pending: AuthRequest | undefined;
  /** A register or login went out (or waits to) and has no answer yet: only then is an `auth` news. */
  #asked = false;
  #loggingOut = false;

  /** Starts with a stored session (its account name and token), or as a guest. */
  constructor(stored?: { readonly account: string; readonly token: string }) {
    this.#current = stored;
  }

  /** The token to greet with, if any. */
  get token(): string | undefined {
    return this.#current?.token;
  }

  /** The account this connection acts as (or will, once greeted with the token). */
  get account(): string | undefined {
    return this.#current?.account;
  }

  /**
   * Takes an account request; it waits here when there is no socket to write it to yet. A reset
   * brings no `auth`: the person logs in with the new password next.
   */
  request(frame: AuthRequest, queue: boolean): AuthRequest {
    this.#pending = queue ? frame : undefined;
    this.#asked = frame.type !== 'reset_password';
    return frame;
  }

  /** The request waiting for a socket, handed over once (the password is not kept after that). */
  takePending(): AuthRequest | undefined {
    const frame = this.#pending;
    this.#pending = undefined;
    return frame;
  }

  /** A register or login was refused: the next `auth` is news only after another request. */
  refused(): void {
    this.#asked = false;
  }

  /** The socket closed: a request written on it will never be answered (a queued one still will). */
  socketClosed(): void {
    if (this.#pending === undefined) this.#asked = false;
  }

  /**
   * An `auth` arrived: greet with its token from now on. `inPlace` is true when the connection already
   * is the account: a guest that registered the name it was using, which the server upgrades at once.
   * An `auth` nobody asked for (a broken or hostile server) changes nothing and gives undefined: were
   * it taken, each one would make the connection greet again, as fast as the server sends them.
   */
  authed(
    auth: ServerMessageOf<'auth'>,
    nick: string,
    online: boolean,
  ): { event: SessionEvent; inPlace: boolean } | undefined {
    if (!this.#asked) return undefined;
    this.#asked = false;
    this.#current = { account: auth.account, token: auth.token };
    this.#loggingOut = false;
    return {
      event: { type: 'session-started', account: auth.account, token: auth.token, expiresAt: auth.expiresAt },
      inPlace: online && auth.ref === 'register' && sameName(auth.account, nick),
    };
  }

  /** The server refused the token this connection greeted with (expired, or revoked while away). */
  tokenRefused(): SessionEvent | undefined {
    return this.#end('expired');
  }

  /**
   * The server confirmed a `logout` (or the account's deletion) from here; the close with 4002 that
   * follows is expected.
   */
  loggedOut(reason: 'logged-out' | 'account-deleted' = 'logged-out'): SessionEvent | undefined {
    this.#loggingOut = true;
    return this.#end(reason);
  }

  /** The socket closed with 4002: logged out here, or elsewhere (then the token just stopped working). */
  closedLoggedOut(): { elsewhere: boolean; event: SessionEvent | undefined } {
    const elsewhere = !this.#loggingOut;
    this.#loggingOut = false;
    return { elsewhere, event: elsewhere ? this.#end('logged-out-elsewhere') : undefined };
  }

  #end(reason: Extract<SessionEvent, { type: 'session-ended' }>['reason']): SessionEvent | undefined {
    const ended = this.#current;
    this.#current = undefined;
    return ended && { type: 'session-ended', account: ended.account, token: ended.token, reason };
  }
}
