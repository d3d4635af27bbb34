/**
 * One value, or a Set from the second. A connection's rooms, the members of a person's channel on
 * a node and the connections holding a name are nearly always one, and a Set of one costs about
 * 150 bytes of hash table per connection. A value must not itself be a Set.
 */
export type OneOrSet<T> = T | Set<T>;

/** Whether `item` is held. */
export function has<T>(held: OneOrSet<T> | undefined, item: T): boolean {
  return held instanceof Set ? held.has(item) : held === item;
}

/** Whether anything other than `item` is held. */
export function hasOther<T>(held: OneOrSet<T> | undefined, item: T): boolean {
  return size(held) > (has(held, item) ? 1 : 0);
}

/** How many are held. */
export function size<T>(held: OneOrSet<T> | undefined): number {
  if (held instanceof Set) return held.size;
  return held === undefined ? 0 : 1;
}

/** What is held, in the order added. */
export function values<T>(held: OneOrSet<T> | undefined): Iterable<T> {
  if (held instanceof Set) return held;
  return held === undefined ? [] : [held];
}

/** `held` with `item` added: a Set grows in place; one value becomes a Set of two. */
export function add<T>(held: OneOrSet<T> | undefined, item: T): OneOrSet<T> {
  if (held === undefined || held === item) return item;
  if (held instanceof Set) return held.add(item);
  return new Set([held, item]);
}

/** `held` without `item`: undefined when nothing is left, and a Set left with one is that one. */
export function remove<T>(held: OneOrSet<T> | undefined, item: T): OneOrSet<T> | undefined {
  if (!(held instanceof Set)) return held === item ? undefined : held;
  if (held.delete(item) && held.size === 1) return held.values().next().value as T;
  return held;
}
