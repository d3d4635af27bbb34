import {
  type Command,
  dmTarget,
  leavingText,
  moderatesHere,
  type PrefsCommand,
  planModerationCommand,
  reactionsText,
} from 'aurora-client';
import {
  type ChatMessage,
  type ClientMessageOf,
  hasReacted,
  sameName,
  storedEmoji,
  utf8Length,
} from 'aurora-protocol';
import type { ChatAction } from './chat-reducer.js';
import { activeTarget, type ChatState, isAway, type PendingMessage, type TargetKey } from './chat-state.js';
import { COMMAND_REFS } from './command-refs.js';

/** A request the page hands to the connection (see requests.ts); chat lines go as `lines`. */
export type PlannedRequest = ClientMessageOf<
  | 'join'
  | 'leave'
  | 'nick'
  | 'topic'
  | 'away'
  | 'rooms'
  | 'members'
  | 'logout'
  | 'history'
  | 'ignore'
  | 'moderate'
  | 'claim'
  | 'bans'
  | 'mode'
  | 'invites'
  | 'edit'
  | 'delete'
  | 'react'
>;

/** A chat line to hand to the engine's outbox. */
export interface PlannedLine {
  /** Where it shows while pending. */
  readonly target: TargetKey;
  /** The room, or `@nick` for a direct message, as the engine takes it. */
  readonly to: string;
  readonly kind: PendingMessage['kind'];
  readonly text: string;
  /** The seq of the message it answers (`/reply`). */
  readonly replyTo?: number;
}

/** What carrying out a command takes: state changes, lines and requests for the server, and whether to quit. */
export interface CommandPlan {
  readonly actions: readonly ChatAction[];
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
  /** Read or change notification preferences for the conversation on screen, loaded on first use. */
  readonly prefs?: PrefsCommand;
  /** The command cannot be carried out: show this and keep the text in the composer. */
  readonly error?: string;
}

const nothing: CommandPlan = { actions: [], frames: [] };
const fail = (error: string): CommandPlan => ({ actions: [], frames: [], error });
const info = (text: string): CommandPlan => ({
  actions: [{ type: 'notice', text, tone: 'info' }],
  frames: [],
});
const request = (frame: PlannedRequest): CommandPlan => ({ actions: [], frames: [frame] });

/**
 * Decides what a parsed composer line (the engine's command table) does in the current state. Pure:
 * the page applies the actions, hands lines to the engine's outbox and requests to the connection.
 */
export function planCommand(command: Command, state: ChatState): CommandPlan {
  const target = activeTarget(state);
  const room = target && !target.isDm ? target.name : undefined;
  switch (command.type) {
    case 'edit':
    case 'delete':
    case 'react':
    case 'reply':
    case 'reactions':
    case 'goto':
      return messageCommand(state, command);
    case 'say':
    case 'me': {
      // Typed between the server's welcome and its `joined`, a line waits in the outbox for the room
      // being joined, instead of being refused for a moment's gap.
      const joining = target ? undefined : state.wanted.rooms[0];
      const key = target?.key ?? joining;
      if (key === undefined) return fail('Join a room first: /join #room');
      const isDm = target?.isDm ?? false;
      if (command.type === 'me' && isDm) return fail('/me works in rooms only.');
      const name = target?.name ?? key;
      return line(state, {
        target: key,
        to: isDm ? `@${name}` : name,
        kind: isDm ? 'dm' : command.type === 'say' ? 'chat' : 'action',
        text: command.text,
      });
    }
    case 'msg': {
      const open: ChatAction = { type: 'open-dm', nick: command.nick };
      if (command.text === undefined) return { actions: [open], frames: [] };
      const sent = line(state, {
        target: dmTarget(command.nick),
        to: `@${command.nick}`,
        kind: 'dm',
        text: command.text,
      });
      return sent.error ? sent : { ...sent, actions: [open] };
    }
    case 'join': {
      // Like the terminal: join every room not joined yet, and show the first one named.
      const [first] = command.rooms;
      // A room left open after a kick or ban (the only window) is not joined: joining it asks again.
      const fresh = command.rooms.filter((r) => !state.targets.has(r) || state.targets.get(r)?.removed);
      const show: ChatAction =
        first !== undefined && state.targets.has(first)
          ? { type: 'open', target: first }
          : { type: 'join-room', room: first ?? '' };
      return {
        actions: [show],
        frames: fresh.map((room) => ({
          type: 'join',
          room,
          ref: COMMAND_REFS.join,
          ...(command.password === undefined ? {} : { password: command.password }),
        })),
      };
    }
    case 'part': {
      if (command.room !== undefined) {
        return state.targets.has(command.room)
          ? leave(state, command.room)
          : fail(`You are not in #${command.room}.`);
      }
      if (!target) return nothing;
      if (target.isDm) return { actions: [{ type: 'close', target: target.key }], frames: [] };
      return leave(state, target.name);
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
      return request({ type: 'members', room: which, ref: COMMAND_REFS.who });
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
      // No password prompt in the page's composer (it would keep what is typed in its history).
      return fail('/password works in the terminal for now: aurora-chat password --name NAME.');
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

/** Leaves `room`; the engine holds the leave while lines to it are unsent, and the page says so. */
function leave(state: ChatState, room: string): CommandPlan {
  const unsent = state.pending.filter((p) => p.target === room && p.failure === undefined).length;
  const frames: PlannedRequest[] = [{ type: 'leave', room }];
  if (unsent === 0) return { actions: [], frames };
  return {
    actions: [{ type: 'notice', text: leavingText(room, unsent), tone: 'info', target: room }],
    frames,
  };
}

/**
 * `/edit [N] TEXT`, `/delete [N]`, `/react N EMOJI` and `/reply N TEXT` in the conversation on
 * screen: N is a message's number (its seq), and without one edits and deletes mean your last
 * message here. The server has the last word (`not_author`, `bad_emoji`, ...).
 */
function messageCommand(
  state: ChatState,
  command: Extract<Command, { type: 'edit' | 'delete' | 'react' | 'reply' | 'reactions' | 'goto' }>,
): CommandPlan {
  const target = activeTarget(state);
  if (!target) return fail('Open a room or a conversation first.');
  const wire = target.isDm ? `@${target.name}` : target.name;
  const own = (m: ChatMessage) => state.me !== undefined && !m.bot && sameName(m.from, state.me);
  const shown = target.entries.flatMap((e) =>
    e.type === 'message' && !e.hidden && e.message.kind !== 'system' && !e.message.deleted ? [e.message] : [],
  );
  const seq = 'seq' in command && command.seq !== undefined ? command.seq : shown.findLast(own)?.seq;
  if (command.type === 'goto' && seq !== undefined && seq >= 1 && seq <= (shown.at(-1)?.seq ?? 0))
    return { ...nothing, goto: { wire, seq } }; // it may be further back than what is loaded
  const message = shown.find((m) => m.seq === seq);
  if (seq === undefined || !message)
    return fail(seq === undefined ? 'You have no message here yet.' : `There is no message ${seq} here.`);
  const place = { target: target.key, seq };
  switch (command.type) {
    case 'edit':
      if (!own(message)) return fail(`Message ${seq} is not yours.`);
      return request({ type: 'edit', ...place, text: command.text });
    case 'delete':
      if (!own(message) && !moderatesHere(target.members, state.me))
        return fail(`Message ${seq} is not yours.`);
      return request({ type: 'delete', ...place });
    case 'react': {
      // `:+1:` and 👍 are one reaction: compared as the server stores it (which checks the rest).
      const emoji = storedEmoji(command.emoji);
      const on = state.me === undefined || !hasReacted(message, emoji, state.me);
      return request({ type: 'react', ...place, emoji, on });
    }
    case 'reactions':
      return info(reactionsText(message));
    case 'goto':
      return fail(`There is no message ${seq} here.`);
    case 'reply':
      return line(state, {
        target: target.key,
        to: wire,
        kind: target.isDm ? 'dm' : 'chat',
        text: command.text,
        replyTo: seq,
      });
  }
}

function line(state: ChatState, planned: PlannedLine): CommandPlan {
  const bytes = utf8Length(planned.text);
  if (bytes > state.limits.maxTextBytes)
    return fail(`That message is ${bytes} bytes; the limit is ${state.limits.maxTextBytes}. Shorten it.`);
  return { actions: [], lines: [planned], frames: [] };
}
