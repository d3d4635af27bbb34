import { type ChatMessage, moderationText, modeText, type SystemEvent } from 'aurora-protocol';
import type { DirectoryMember } from '../directory/directory.js';
import type { Hub } from '../hub.js';
import type { Session } from '../session.js';
import { roomKey } from '../targets.js';

/** The directory entry for a greeted session. */
export function memberOf(session: Session): DirectoryMember {
  const identity = session.identity!;
  return {
    key: identity.key,
    nick: identity.nick,
    ...(identity.account ? { account: true } : {}),
    away: session.away,
    ...(session.status ? { status: session.status } : {}),
  };
}

/** Words for a system notice, so clients without special rendering still show something sensible. */
export function describeEvent(event: SystemEvent, room: string): string {
  switch (event.kind) {
    case 'join':
      return `${people(event)} joined`;
    case 'leave':
      return `${people(event)} left`;
    case 'rename':
      return `${event.from} is now known as ${event.nick}`;
    case 'topic':
      return event.topic ? `${event.nick} set the topic: ${event.topic}` : `${event.nick} cleared the topic`;
    case 'moderation':
      return moderationText({ ...event, by: event.nick, room });
    case 'mode':
      return modeText(event.nick, room, event.setting, event.on);
  }
}

/** Who a join or leave notice is about: `a`, `a and b`, `a, b and c`, `a, b, c and 12 others`. */
function people(event: { nick: string; nicks?: string[] | undefined; count?: number | undefined }): string {
  const names = event.nicks ?? [event.nick];
  const shown = names.slice(0, 3);
  const rest = (event.count ?? names.length) - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} ${rest === 1 ? 'other' : 'others'}`;
  if (shown.length === 1) return shown[0]!;
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** Stores a system notice in a room and publishes it to the room. */
export function announce(
  hub: Hub,
  room: string,
  event: SystemEvent,
  actorKey: string,
): Promise<{ message: ChatMessage }> {
  const target = roomKey(room);
  return hub.storeAndPublish(
    {
      target,
      kind: 'system',
      room,
      from: event.nick,
      fromKey: actorKey,
      text: describeEvent(event, room),
      event,
    },
    [target],
  );
}
