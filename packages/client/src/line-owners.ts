import { sameName } from 'aurora-protocol';

/**
 * Whose lines wait in the outbox: each remembers the account it was typed as, so that lines typed
 * as alice (her session ended, or she logged out) never go out as bob when bob logs in next on the
 * same client. Going on as a guest (`/nick`) still sends them, as the notice that held them says.
 */
export class LineOwners {
  readonly #owners = new Map<string, string>();

  /** A line was handed to the outbox while acting as `account` (undefined: a guest's line). */
  typed(cid: string, account: string | undefined): void {
    if (account !== undefined) this.#owners.set(cid, account);
  }

  /** A line was acknowledged, refused for good, or dropped: nothing to remember. */
  settled(cid: string): void {
    this.#owners.delete(cid);
  }

  /** The account a line was typed as, when the connection is now greeted as another account. */
  strangerTo(cid: string, account: string | undefined): string | undefined {
    const owner = this.#owners.get(cid);
    return owner !== undefined && account !== undefined && !sameName(owner, account) ? owner : undefined;
  }
}
