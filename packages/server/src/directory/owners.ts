/**
 * The connections holding a name or a place in a room: one id (nearly always: one device), or a Set
 * once a second connection of the same person arrives. A Set of one costs about 150 bytes of hash
 * table, and the local directory keeps two per connection.
 */
export type Owners = string | ReadonlySet<string>;

/** Whether `owner` is among `owners`. */
export function hasOwner(owners: Owners, owner: string): boolean {
  return typeof owners === 'string' ? owners === owner : owners.has(owner);
}

/** Whether anyone other than `owner` is among `owners`. */
export function hasOtherOwner(owners: Owners, owner: string): boolean {
  if (typeof owners === 'string') return owners !== owner;
  return owners.size > (owners.has(owner) ? 1 : 0);
}

/** `owners` with `owner` added (the same value when it was there already). */
export function withOwner(owners: Owners | undefined, owner: string): Owners {
  if (owners === undefined || owners === owner) return owner;
  if (typeof owners === 'string') return new Set([owners, owner]);
  if (owners.has(owner)) return owners;
  return new Set([...owners, owner]);
}

/** `owners` without `owner`, or undefined when nobody is left. */
export function withoutOwner(owners: Owners, owner: string): Owners | undefined {
  if (typeof owners === 'string') return owners === owner ? undefined : owners;
  if (!owners.has(owner)) return owners;
  const left = [...owners].filter((o) => o !== owner);
  return left.length === 1 ? left[0] : new Set(left);
}
