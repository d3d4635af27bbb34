/**
 * A record keyed by strings that come from the network (room names, nicks, targets). It has no
 * prototype, so a room called `constructor` or a person called `__proto__` is a key like any other:
 * reading a missing key gives undefined, never an `Object.prototype` member, and writing one never
 * replaces the prototype. Spreads (`{ ...record }`) would bring the prototype back: change these
 * records only through the functions below.
 */
export type RemoteKeyed<T> = Readonly<Record<string, T>>;

/** A new record with `entries` and no prototype. */
export function remoteKeyed<T>(entries: Iterable<readonly [string, T]> = []): RemoteKeyed<T> {
  const record: Record<string, T> = Object.create(null);
  // On an object without a prototype, assignment creates an own property for every key, `__proto__`
  // included (its setter lives on Object.prototype).
  for (const [key, value] of entries) record[key] = value;
  return record;
}

/** `record` with `key` set to `value` (a copy; `record` is unchanged). */
export function withEntry<T>(record: RemoteKeyed<T>, key: string, value: T): RemoteKeyed<T> {
  const next: Record<string, T> = Object.assign(Object.create(null), record);
  next[key] = value;
  return next;
}

/** `record` without `key` (a copy; `record` itself when it has no such key). */
export function withoutEntry<T>(record: RemoteKeyed<T>, key: string): RemoteKeyed<T> {
  if (!Object.hasOwn(record, key)) return record;
  const next: Record<string, T> = Object.assign(Object.create(null), record);
  delete next[key];
  return next;
}
