import { ErrorCode, MODERATION_LIMITS } from 'aurora-protocol';
import type { Hub } from '../hub.js';
import type { StoredRole } from '../store/moderation.js';
import type { Refusal } from './roles.js';

/** What an operator grants or takes back: voice (speaking in a moderated room) and invites. */
export type GrantAction = 'voice' | 'devoice' | 'invite' | 'uninvite';

/** The person a grant is about, and who grants it. */
export interface GrantCase {
  readonly room: string;
  /** The target's canonical name; `roles.ts` has already checked it is an account where needed. */
  readonly key: string;
  readonly name: string;
  readonly by: string;
  readonly roles: ReadonlyMap<string, StoredRole>;
  readonly now: number;
}

/**
 * Gives or takes voice, or an invite, in the store; a refusal when there is nothing to do (voice for
 * someone who speaks anyway, taking back what was never given) or the invite list is full.
 */
export async function grant(hub: Hub, action: GrantAction, c: GrantCase): Promise<Refusal | undefined> {
  const store = hub.options.store.moderation;
  const noTarget = (message: string): Refusal => ({ code: ErrorCode.NoSuchTarget, message });
  const role = c.roles.get(c.key);
  switch (action) {
    case 'voice':
      if (role === 'owner' || role === 'operator')
        return noTarget(
          `${c.name} is ${role === 'owner' ? 'an owner' : 'an operator'} of #${c.room}, and speaks anyway`,
        );
      await store.setRole(c.room, c.key, 'voice');
      return undefined;
    case 'devoice':
      if (role !== 'voice') return noTarget(`${c.name} has no voice in #${c.room}`);
      await store.setRole(c.room, c.key, undefined);
      return undefined;
    case 'invite': {
      const invite = { room: c.room, key: c.key, name: c.name, by: c.by, at: c.now };
      if ((await store.invite(invite, MODERATION_LIMITS.maxInvitesPerRoom)) !== 'full') return undefined;
      return {
        code: ErrorCode.InviteListFull,
        message: `#${c.room} already has ${MODERATION_LIMITS.maxInvitesPerRoom} invites; take one back first (/invites lists them)`,
      };
    }
    case 'uninvite':
      return (await store.uninvite(c.room, c.key))
        ? undefined
        : noTarget(`${c.name} is not invited to #${c.room}`);
  }
}
