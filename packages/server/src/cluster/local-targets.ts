import type { TargetChannels } from '../broker/gap-filler.js';
import type { Hub } from '../hub.js';
import { roomKey, userChannel } from '../targets.js';

/**
 * What this node's sessions follow, with the broker channels each target's messages go out on: the
 * rooms they are in, and the direct conversations (listed by `directs`) of the people connected here.
 */
export async function localTargets(
  hub: Hub,
  directs: (key: string) => Promise<string[]>,
): Promise<TargetChannels[]> {
  const targets = new Map<string, string[]>();
  const people = new Set<string>();
  for (const session of hub.sessions) {
    if (!session.identity) continue;
    people.add(session.identity.key);
    for (const room of session.rooms) targets.set(roomKey(room), [roomKey(room)]);
  }
  for (const key of people) {
    for (const target of await directs(key)) {
      // A direct conversation's target is `dm:` and the two canonical names (see `dmKey`).
      const pair = new Set(target.slice(target.indexOf(':') + 1).split(' '));
      targets.set(target, [...pair].map(userChannel));
    }
  }
  return [...targets].map(([target, channels]) => ({ target, channels }));
}
