import { utf8Length } from 'aurora-protocol';
import type { CommandPlan, PlannedLine } from './command-plan.js';
import { activeTarget, type PageState } from './page-state.js';

/**
 * A line said (or, with `action`, done: `/me`) in the conversation on screen. Typed between the
 * server's welcome and its `joined`, it waits in the outbox for the room being joined, instead of
 * being refused for a moment's gap. Plain lines take this path without the commands chunk.
 */
export function sayPlan(state: PageState, text: string, action = false): CommandPlan {
  const target = activeTarget(state);
  const to = target ? (target.kind === 'dm' ? `@${target.label}` : target.key) : state.wanted.rooms[0];
  if (to === undefined) return fail('Join a room first: /join #room');
  const isDm = target?.kind === 'dm';
  if (action && isDm) return fail('/me works in rooms only.');
  return linePlan(state, { to, kind: isDm ? 'dm' : action ? 'action' : 'say', text });
}

/** A chat line for the engine's outbox, or why it is refused (over the server's byte limit). */
export function linePlan(state: PageState, planned: PlannedLine): CommandPlan {
  const bytes = utf8Length(planned.text);
  const limit = state.chat.maxTextBytes;
  if (bytes > limit) return fail(`That message is ${bytes} bytes; the limit is ${limit}. Shorten it.`);
  return { actions: [], lines: [planned], frames: [] };
}

function fail(error: string): CommandPlan {
  return { actions: [], frames: [], error };
}
