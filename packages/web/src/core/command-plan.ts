import {
  type Command,
  type MessageChange,
  type PrefsCommand,
  planMessageCommand,
  planModerationCommand,
  whoPage,
} from 'aurora-client';
import { type ClientMessageOf, sameName } from 'aurora-protocol';
import { COMMAND_REFS } from './command-refs.js';
import { activeTarget, type PageAction, type PageState } from './page-state.js';
import { linePlan, sayPlan } from './say-plan.js';

/** A request the page hands to the connection (see requests.ts); chat lines go as `lines`. */
export type PlannedRequest =
  | ClientMessageOf<
      | 'join'
      | 'leave'
      | 'nick'
      | 'topic'
      | 'away'
      | 'rooms'
      | 'members'
      | 'logout'
      | 'history'
      | 'moderate'
      | 'claim'
      | 'bans'
      | 'mode'
      | 'invites'
    >
  /** An edit, delete or reaction, as the engine planned it. */
  | {
      readonly type: 'change';
      readonly target: string;
      readonly seq: number;
      readonly change: MessageChange;
    };

/** A chat line to hand to the engine's outbox. */
export interface PlannedLine {
  /** The room, or `@nick` for a direct message, as the engine takes it. */
  readonly to: string;
  readonly kind: 'say' | 'action' | 'dm';
  readonly text: string;
  /** The seq of the message it answers (`/reply`). */
  readonly replyTo?: number;
}

/** What carrying out a command takes: state changes, lines and requests for the server, and whether to quit. */
export interface CommandPlan {
  readonly actions: readonly PageAction[];
  readonly lines?: readonly PlannedLine[];
  readonly frames: readonly PlannedRequest[];
  /** Disconnect and return to the join screen. */
  readonly quit?: true;
  /** Open the search panel with this query (`/search`, `/find`). */
  readonly search?: string;
  /** Show this message of a conversation (`wire` as the engine names it), loading it when needed (`/goto`). */
  readonly goto?: { readonly wire: string; readonly seq: number };
  /** Show the help of this command, or of all when empty (`/help`), loaded on first use. */
  readonly help?: string;
  /** Ask for the current and a new password in a dialog (`/password`), loaded on first use. */
  readonly password?: { readonly keepSessions: boolean };
  /** Read or change notification preferences for the conversation on screen, loaded on first use. */
  readonly prefs?: PrefsCommand;
  /** The command cannot be carried out: show this and keep the text in the composer. */
  readonly error?: string;
  /** With `error`: the line carried a password, so it leaves the composer instead of staying. */
  readonly forget?: true;
}

const nothing: CommandPlan = { actions: [], frames: [] };
const fail = (error: string): CommandPlan => ({ actions: [], frames: [], error });
const request = (frame: PlannedRequest): CommandPlan => ({ actions: [], frames: [frame] });

/**
 * Decides what a parsed composer line (the engine's command table) does in the current state. Pure:
 * the page applies the actions, hands lines to the engine's outbox and requests to the connection.
 */
export function planCommand(command: Command, state: PageState, now: number): CommandPlan {
  const { chat } = state;
  const target = activeTarget(state);
  const room = target?.kind === 'room' ? target.key : undefined;
  const info = (text: string): CommandPlan => ({
    actions: [{ type: 'notice', text, tone: 'info', now }],
    frames: [],
  });
  switch (command.type) {
    case 'edit':
    case 'delete':
    case 'react':
    case 'reply':
    case 'reactions':
    case 'goto': {
      // The engine's rules: N is a message's seq here; without one, your last message here.
      const plan = planMessageCommand(chat, command);
      if (plan.kind === 'refuse') return fail(plan.message);
      if (plan.kind === 'show') return info(plan.message);
      if (plan.kind === 'goto') return { ...nothing, goto: { wire: plan.target, seq: plan.seq } };
      if (plan.kind === 'change')
        return request({ type: 'change', target: plan.target, seq: plan.seq, change: plan.change });
      return linePlan(state, {
        to: plan.sendKind === 'dm' ? `@${target?.label}` : plan.target,
        kind: plan.sendKind,
        text: plan.text,
        replyTo: plan.replyTo,
      });
    }
    case 'say':
    case 'me':
      return sayPlan(state, command.text, command.type === 'me');
    case 'msg': {
      const open: PageAction = { type: 'open-dm', nick: command.nick };
      if (command.text === undefined) return { actions: [open], frames: [] };
      const sent = linePlan(state, { to: `@${command.nick}`, kind: 'dm', text: command.text });
      return sent.error ? sent : { ...sent, actions: [open] };
    }
    case 'join': {
      // Like the terminal: join every room not joined yet, and show the first one named.
      const fresh = command.rooms.filter((r) => chat.targets[r] === undefined || chat.targets[r]?.leaving);
      return {
        actions: [{ type: 'join-requested', rooms: command.rooms }],
        frames: fresh.map((r) => ({
          type: 'join',
          room: r,
          ref: COMMAND_REFS.join,
          ...(command.password === undefined ? {} : { password: command.password }),
        })),
      };
    }
    case 'part': {
      if (command.room !== undefined)
        return chat.targets[command.room]
          ? leave(command.room, now)
          : fail(`You are not in #${command.room}.`);
      if (!target) return nothing;
      if (target.kind === 'dm')
        return { actions: [{ type: 'close-target', target: target.key }], frames: [] };
      return leave(target.key, now);
    }
    case 'nick':
      return request({ type: 'nick', nick: command.nick });
    case 'topic':
      if (!room) return fail('/topic works in rooms only.');
      if (command.topic === undefined)
        return info(target?.topic ? `The topic of #${room} is: ${target.topic}` : `#${room} has no topic.`);
      return request({ type: 'topic', room, topic: command.topic });
    case 'away':
      // `/away` again without a message comes back, as in the terminal client.
      if (command.status === undefined && isAway(state)) return request({ type: 'away', away: false });
      return request({ type: 'away', away: true, ...(command.status ? { status: command.status } : {}) });
    case 'back':
      return request({ type: 'away', away: false });
    case 'rooms':
      return request({ type: 'rooms' });
    case 'who': {
      const which = command.room ?? room;
      if (!which) return fail('/who works in rooms: /who ROOM names one.');
      // A big room (it sent a count) is listed a page at a time, as the terminal does.
      return request({
        type: 'members',
        room: which,
        ref: COMMAND_REFS.who,
        ...whoPage(chat.targets[which]),
      });
    }
    case 'clear':
      return target ? { actions: [{ type: 'clear', target: target.key }], frames: [] } : nothing;
    case 'register':
    case 'login':
      // The page has no password prompt in the chat: the join screen asks for it, with a form.
      return fail(`/${command.type} works on the join screen here: /quit, then choose Log in or Sign up.`);
    case 'logout':
      return request({ type: 'logout', everywhere: command.everywhere });
    case 'password':
      // Asked in a dialog, never in the composer (whose history would keep what is typed).
      if (chat.account === undefined) return fail('/password changes an account’s password: log in first.');
      return { ...nothing, password: { keepSessions: command.keepSessions } };
    case 'search':
      return { actions: [], frames: [], search: command.query };
    case 'notify':
    case 'mute':
    case 'unmute':
    case 'highlight':
    case 'ignore':
      return { actions: [], frames: [], prefs: command };
    case 'moderate':
    case 'claim':
    case 'bans':
    case 'mode':
    case 'invites': {
      // The engine's one rule for what needs a room; the server decides who may.
      const plan = planModerationCommand(command, room);
      if (plan.kind === 'refused') return fail(plan.text);
      if (plan.kind === 'moderate') return request({ type: 'moderate', ...plan.request });
      if (plan.kind === 'claim') return request({ type: 'claim', room: plan.room });
      if (plan.kind === 'mode')
        return request({ type: 'mode', room: plan.room, ...(plan.set ? { set: plan.set } : {}) });
      if (plan.kind === 'invites') return request({ type: 'invites', room: plan.room });
      return request(plan.room === undefined ? { type: 'bans' } : { type: 'bans', room: plan.room });
    }
    case 'help':
      return { actions: [], frames: [], help: command.command ?? '' };
    case 'quit':
      return { actions: [], frames: [], quit: true };
  }
}

/** Leaves `room`: the engine holds the leave while lines to it are unsent, and says so. */
function leave(room: string, now: number): CommandPlan {
  return { actions: [{ type: 'leave-requested', room, now }], frames: [{ type: 'leave', room }] };
}

/** True when the server lists us as away in any room. */
export function isAway(state: PageState): boolean {
  const { me, targets } = state.chat;
  return Object.values(targets).some((t) => t.members.some((m) => m.away && sameName(m.nick, me)));
}
