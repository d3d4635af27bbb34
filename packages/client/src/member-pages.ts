import { roleMark, type ServerMessageOf } from 'aurora-protocol';
import { awayText } from './away.js';
import type { ChatState, TargetState } from './chat-state.js';
import { addNotice, sortMembers, updateTarget } from './chat-targets.js';

/** Names `/who` asks a big room for at a time. */
export const WHO_PAGE_SIZE = 100;

/** What a `members` request asks for: the whole list, or a page of a big room's names. */
export interface MembersPage {
  readonly after?: string;
  readonly limit?: number;
}

/**
 * What `/who` asks for in a room: a room that sent its whole list is listed whole again; a big room
 * (it sent a count) is listed a page at a time, each `/who` the page after the names shown so far,
 * and after the last page from the start again.
 */
export function whoPage(target: TargetState | undefined): MembersPage | undefined {
  if (target?.memberCount === undefined) return undefined;
  return {
    ...(target.membersAfter === undefined ? {} : { after: target.membersAfter }),
    limit: WHO_PAGE_SIZE,
  };
}

/**
 * A `members` reply: the room's list replaces the one kept; a page of a big room (it carries
 * `count`) is added to the names kept from the earlier pages (the first page starts them over),
 * and the room's count is brought up to date. Either way a notice lists the names.
 */
export function onMembers(state: ChatState, message: ServerMessageOf<'members'>, now: number): ChatState {
  const { room, members: page, count, more } = message;
  const before = state.targets[room];
  const kept = count === undefined || before?.membersAfter === undefined ? [] : before.members;
  const paged = new Set(page.map((m) => m.nick));
  const members = sortMembers([...kept.filter((m) => !paged.has(m.nick)), ...page]);
  const next = updateTarget(state, room, (t) =>
    count === undefined
      ? { members }
      : { members, memberCount: t.memberCount && count, membersAfter: more ? page.at(-1)?.nick : undefined },
  );
  const names = sortMembers(page).map(
    (m) => `${roleMark(m.role)}${m.nick}${m.away ? ` (${awayText(m)})` : ''}`,
  );
  const span =
    count === undefined
      ? page.length
      : `${kept.length + 1}-${kept.length + page.length} of ${count.toLocaleString('en-US')}`;
  const rest = more ? `; /who for the next ${WHO_PAGE_SIZE}` : '';
  return addNotice(next, state.current, `In ${room} (${span}): ${names.join(', ')}${rest}`, 'info', now);
}
