import { canonicalName, type Member } from 'aurora-protocol';
import type { Hub } from '../hub.js';
import type { StoredRole } from '../store/moderation.js';
import { type Standing, shownRole } from './roles.js';

/** The server admins: those named by `--admins` and those promoted in the store (read each time). */
export async function adminKeys(hub: Hub): Promise<Set<string>> {
  return new Set([...(hub.options.admins ?? []), ...(await hub.options.store.moderation.admins())]);
}

/** Whether a registered account is a server admin. */
export async function isAdmin(hub: Hub, key: string, account: boolean): Promise<boolean> {
  if (!account) return false;
  if (hub.options.admins?.includes(key)) return true;
  return (await hub.options.store.moderation.admins()).includes(key);
}

/** A person's standing in a room; guests hold no roles, whatever the store says of their name. */
export async function standingIn(
  hub: Hub,
  room: string,
  person: { readonly key: string; readonly account: boolean },
  roles?: ReadonlyMap<string, StoredRole>,
): Promise<Standing> {
  if (!person.account) return { admin: false, account: false };
  const stored = (roles ?? (await hub.options.store.moderation.roles(room))).get(person.key);
  return { role: stored, admin: await isAdmin(hub, person.key, true), account: true };
}

/** Marks owners, operators and admins in a room's member list. */
export async function withRoles(hub: Hub, room: string, members: Member[]): Promise<Member[]> {
  // Only accounts hold roles: a room of guests (a connect storm's) needs no read of the store.
  if (!members.some((member) => member.account)) return members;
  const [roles, admins] = await Promise.all([hub.options.store.moderation.roles(room), adminKeys(hub)]);
  if (roles.size === 0 && admins.size === 0) return members;
  return members.map((member) => {
    if (!member.account) return member;
    const key = canonicalName(member.nick);
    const role = shownRole({ role: roles.get(key), admin: admins.has(key), account: true });
    return role === undefined ? member : { ...member, role };
  });
}

/** How many owners a room has. */
export function ownerCount(roles: ReadonlyMap<string, StoredRole>): number {
  let owners = 0;
  for (const role of roles.values()) if (role === 'owner') owners++;
  return owners;
}
