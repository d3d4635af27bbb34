/**
 * The sign clients show after the name of a person logged in to the account of that name
 * (`account: true`). Names cannot contain it (`checkNick` refuses symbols), so a guest cannot fake it.
 */
export const REGISTERED_MARK = '✓';

/**
 * The sign clients show after the name of an incoming webhook (`bot: true`). Names cannot contain
 * it either, so neither a person nor a webhook can pass for the other.
 */
export const BOT_MARK = '⚙';

/**
 * A name as clients show it: with the registered sign when it belongs to a logged-in account, or
 * the bot sign when a webhook posted it.
 */
export function markedName(nick: string, account: boolean | undefined, bot?: boolean): string {
  if (bot) return `${nick}${BOT_MARK}`;
  return account ? `${nick}${REGISTERED_MARK}` : nick;
}
