/**
 * The sign clients show after the name of a person logged in to the account of that name
 * (`account: true`). Names cannot contain it (`checkNick` refuses symbols), so a guest cannot fake it.
 */
export const REGISTERED_MARK = '✓';

/** A name as clients show it: with the registered sign when it belongs to a logged-in account. */
export function markedName(nick: string, account: boolean | undefined): string {
  return account ? `${nick}${REGISTERED_MARK}` : nick;
}
