import type { ModerationAction, Role } from './schema/common.js';

/** The mark member lists put before a name: `~` owner, `@` operator, `&` server admin, `+` voice. */
export function roleMark(role: Role | undefined): string {
  return role === 'owner'
    ? '~'
    : role === 'operator'
      ? '@'
      : role === 'admin'
        ? '&'
        : role === 'voice'
          ? '+'
          : '';
}

/** A moderation action, as the stored notice and the clients' lines describe it. */
export interface ModerationFacts {
  /** Who acted. */
  readonly by: string;
  readonly action: ModerationAction;
  /** Whom it was done to. */
  readonly target: string;
  readonly room?: string | undefined;
  readonly reason?: string | undefined;
  /** When a ban or mute ends, ms since the epoch; absent: until lifted. */
  readonly until?: number | undefined;
}

const VERBS: Readonly<Record<ModerationAction, string>> = {
  kick: 'kicked',
  ban: 'banned',
  unban: 'unbanned',
  mute: 'muted',
  unmute: 'unmuted',
  op: 'made an operator:',
  deop: 'is no longer an operator:',
  kill: 'disconnected',
  claim: 'claimed',
  voice: 'gave voice to',
  devoice: 'took voice from',
  invite: 'invited',
  uninvite: 'took back the invite of',
};

/**
 * One sentence for a moderation action: `alice banned bob from #dev until 2026-12-07 10:00 UTC: spam`.
 * The server stores it as the notice's text, so clients that render nothing special still say it.
 */
export function moderationText(facts: ModerationFacts): string {
  const { by, action, target, room, reason, until } = facts;
  const where = room === undefined ? '' : ` #${room}`;
  let text: string;
  if (action === 'claim') text = `${by} claimed${where || ' the room'} and owns it now`;
  else if (action === 'op') text = `${by} made ${target} an operator${where ? ` of${where}` : ''}`;
  else if (action === 'deop') text = `${by} took operator from ${target}${where ? ` in${where}` : ''}`;
  else if (action === 'voice' || action === 'devoice')
    text = `${by} ${VERBS[action]} ${target}${where ? ` in${where}` : ''}`;
  else if (action === 'invite') text = `${by} invited ${target}${where ? ` to${where}` : ''}`;
  else if (action === 'uninvite')
    text = `${by} took back ${target === 'you' ? 'your' : `${target}'s`} invite${where ? ` to${where}` : ''}`;
  else if (action === 'kill') text = `${by} disconnected ${target} from the server`;
  else {
    const preposition = action === 'kick' || action === 'ban' || action === 'unban' ? 'from' : 'in';
    const scope = where
      ? ` ${preposition}${where}`
      : action === 'ban' || action === 'unban'
        ? ' server-wide'
        : '';
    text = `${by} ${VERBS[action]} ${target}${scope}`;
  }
  if (until !== undefined)
    text += ` until ${new Date(until).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return reason ? `${text}: ${reason}` : text;
}
