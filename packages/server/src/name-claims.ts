import { nameSkeleton } from 'aurora-protocol/skeleton';
import type { Directory } from './directory/directory.js';
import type { Logger } from './logger.js';
import type { AccountStore } from './store/accounts.js';

/**
 * The directory claim that keeps look-alike names apart: `~` and the name's UTS #39 skeleton.
 * Canonical names never start with `~`, so the two kinds of claim cannot meet.
 */
export function lookalikeClaim(nick: string): string {
  return `~${nameSkeleton(nick)}`;
}

/**
 * Claims a person's canonical name and look-alike skeleton for a connection. False, holding neither
 * of them afterwards, when another person holds either. `shared` claims are an account's.
 */
export async function claimNames(
  directory: Directory,
  owner: string,
  identity: { readonly key: string; readonly nick: string },
  shared: boolean,
): Promise<boolean> {
  if (!(await directory.claimName(identity.key, owner, identity.nick, shared))) return false;
  if (await directory.claimName(lookalikeClaim(identity.nick), owner, identity.nick, shared)) return true;
  await directory.releaseName(identity.key, owner);
  return false;
}

/** Releases both claims of `claimNames`. */
export async function releaseNames(
  directory: Directory,
  owner: string,
  identity: { readonly key: string; readonly nick: string },
): Promise<void> {
  await directory.releaseName(lookalikeClaim(identity.nick), owner);
  await directory.releaseName(identity.key, owner);
}

/**
 * The account a guest may not use this name for: the one registered under its canonical name, or
 * under a name that looks like it (same skeleton).
 */
export async function registeredLookalike(
  accounts: AccountStore,
  key: string,
  nick: string,
): Promise<{ readonly name: string } | undefined> {
  return (await accounts.account(key)) ?? (await accounts.accountBySkeleton(nameSkeleton(nick)));
}

/**
 * Re-checks every registered name against today's skeleton at start, so a database made with older
 * rules (or older confusables data) keeps look-alikes of registered names out from now on. Accounts
 * that now look alike all keep working (log-in, tokens, history); the log names them.
 */
export async function recheckRegisteredNames(accounts: AccountStore, logger: Logger): Promise<void> {
  const shared = await accounts.reindexSkeletons(nameSkeleton);
  for (const names of shared)
    logger.warn('registered names look alike; each keeps working, new look-alikes are refused', { names });
}
