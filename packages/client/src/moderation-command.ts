import type { ModeChanges } from 'aurora-protocol';
import type { Command } from './commands.js';
import type { ModerationRequest } from './connection-types.js';

/**
 * The commands that moderate: `/kick`, `/ban`, `/mute NAME`, `/op`, `/kill`, `/invite`, `/voice`...,
 * `/claim`, `/bans`, `/mode` and `/invites`.
 */
export type ModerationCommand = Extract<
  Command,
  { type: 'moderate' | 'claim' | 'bans' | 'mode' | 'invites' }
>;

/** What a moderation command comes to, for a UI to send. */
export type ModerationPlan =
  | { readonly kind: 'moderate'; readonly request: ModerationRequest }
  | { readonly kind: 'claim'; readonly room: string }
  /** Without `room`: the server-wide bans. */
  | { readonly kind: 'bans'; readonly room?: string }
  /** Without `set`: read the room's settings. */
  | { readonly kind: 'mode'; readonly room: string; readonly set?: ModeChanges }
  | { readonly kind: 'invites'; readonly room: string }
  /** Cannot be sent from here; `text` says why. */
  | { readonly kind: 'refused'; readonly text: string };

/**
 * Plans a moderation command for the room on screen (`room`, undefined in a conversation or the home
 * window): room actions need a room; `/kill` and `--server` bans do not. The server decides whether
 * the person may; its refusals come back as errors with stable codes.
 */
export function planModerationCommand(command: ModerationCommand, room: string | undefined): ModerationPlan {
  if (command.type === 'bans') {
    if (command.server) return { kind: 'bans' };
    return room === undefined ? inRoom('bans') : { kind: 'bans', room };
  }
  if (command.type === 'claim') return room === undefined ? inRoom('claim') : { kind: 'claim', room };
  if (command.type === 'invites') return room === undefined ? inRoom('invites') : { kind: 'invites', room };
  if (command.type === 'mode') {
    if (room === undefined) return inRoom('mode');
    return command.changes === undefined
      ? { kind: 'mode', room }
      : { kind: 'mode', room, set: command.changes };
  }
  const serverWide = command.action === 'kill' || command.server === true;
  if (!serverWide && room === undefined) return inRoom(command.action);
  return {
    kind: 'moderate',
    request: {
      action: command.action,
      name: command.name,
      ...(serverWide ? {} : { room }),
      ...(command.forMs === undefined ? {} : { forMs: command.forMs }),
      ...(command.reason === undefined ? {} : { reason: command.reason }),
    },
  };
}

function inRoom(name: string): ModerationPlan {
  return { kind: 'refused', text: `/${name} works in a room: switch to one first.` };
}
