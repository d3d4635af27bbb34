import { type ClientMessageInput, utf8Length } from 'aurora-protocol';
import type { ChatAction } from './chat-reducer.js';
import { activeTarget, type ChatState, isAway } from './chat-state.js';
import { COMMAND_REFS } from './command-refs.js';
import { type Command, helpText } from './commands.js';
import { dmKey, roomKey } from './targets.js';

/** What carrying out a command takes: state changes, frames for the server, and whether to quit. */
export interface CommandPlan {
  readonly actions: readonly ChatAction[];
  readonly frames: readonly ClientMessageInput[];
  /** Disconnect and return to the join screen. */
  readonly quit?: true;
  /** The command cannot be carried out: show this and keep the text in the composer. */
  readonly error?: string;
}

/** Ids and time for messages the plan creates. */
export interface PlanContext {
  readonly now: number;
  readonly newCid: () => string;
}

const nothing: CommandPlan = { actions: [], frames: [] };
const fail = (error: string): CommandPlan => ({ actions: [], frames: [], error });
const info = (text: string): CommandPlan => ({
  actions: [{ type: 'notice', text, tone: 'info' }],
  frames: [],
});

/**
 * Decides what a parsed composer line does in the current state. Pure: the page applies the actions,
 * sends the frames, and messages go through the outbox so they survive a reconnect.
 */
export function planCommand(command: Command, state: ChatState, context: PlanContext): CommandPlan {
  const target = activeTarget(state);
  const room = target && !target.isDm ? target.name : undefined;
  switch (command.kind) {
    case 'invalid':
      return fail(command.message);
    case 'say':
    case 'action': {
      // Typed between the server's welcome and its `joined`, a line waits in the outbox for the room
      // being joined, instead of being refused for a moment's gap.
      const joining = target ? undefined : state.wanted.rooms[0];
      const key = target?.key ?? (joining === undefined ? undefined : roomKey(joining));
      if (key === undefined) return fail('Join a room first: /join #room');
      const isDm = target?.isDm ?? false;
      if (command.kind === 'action' && isDm) return fail('/me works in rooms only.');
      return send(
        state,
        key,
        isDm ? 'dm' : command.kind === 'say' ? 'chat' : 'action',
        command.text,
        context,
      );
    }
    case 'msg': {
      const open: ChatAction = { type: 'open-dm', nick: command.nick };
      if (command.text === undefined) return { actions: [open], frames: [] };
      const sent = send(state, dmKey(command.nick), 'dm', command.text, context);
      return sent.error ? sent : { ...sent, actions: [open, ...sent.actions] };
    }
    case 'join': {
      // Like the terminal: join every room not joined yet, and show the first one named.
      const [first] = command.rooms;
      const fresh = command.rooms.filter((r) => !state.targets.has(roomKey(r)));
      const show: ChatAction =
        first !== undefined && state.targets.has(roomKey(first))
          ? { type: 'open', target: roomKey(first) }
          : { type: 'join-room', room: first ?? '' };
      return {
        actions: [show],
        frames: fresh.map((room) => ({ type: 'join', room, ref: COMMAND_REFS.join })),
      };
    }
    case 'leave': {
      if (command.room !== undefined) {
        return state.targets.has(roomKey(command.room))
          ? { actions: [], frames: [{ type: 'leave', room: command.room }] }
          : fail(`You are not in #${command.room}.`);
      }
      if (!target) return nothing;
      if (target.isDm) return { actions: [{ type: 'close', target: target.key }], frames: [] };
      return { actions: [], frames: [{ type: 'leave', room: target.name }] };
    }
    case 'nick':
      return { actions: [], frames: [{ type: 'nick', nick: command.nick }] };
    case 'topic':
      if (!room) return fail('/topic works in rooms only.');
      if (command.topic === undefined)
        return info(target?.topic ? `The topic of #${room} is: ${target.topic}` : `#${room} has no topic.`);
      return { actions: [], frames: [{ type: 'topic', room, topic: command.topic }] };
    case 'away':
      // `/away` again without a message comes back, as in the terminal client.
      if (command.status === undefined && isAway(state))
        return { actions: [], frames: [{ type: 'away', away: false }] };
      return {
        actions: [],
        frames: [{ type: 'away', away: true, ...(command.status ? { status: command.status } : {}) }],
      };
    case 'back':
      return { actions: [], frames: [{ type: 'away', away: false }] };
    case 'rooms':
      return { actions: [], frames: [{ type: 'rooms' }] };
    case 'who': {
      const which = command.room ?? room;
      if (!which) return fail('/who works in rooms: /who ROOM names one.');
      return { actions: [], frames: [{ type: 'members', room: which, ref: COMMAND_REFS.who }] };
    }
    case 'clear':
      return target ? { actions: [{ type: 'clear', target: target.key }], frames: [] } : nothing;
    case 'help':
      return info(helpText(command.command));
    case 'quit':
      return { actions: [], frames: [], quit: true };
  }
}

function send(
  state: ChatState,
  target: string,
  kind: 'chat' | 'action' | 'dm',
  text: string,
  context: PlanContext,
): CommandPlan {
  const bytes = utf8Length(text);
  if (bytes > state.limits.maxTextBytes)
    return fail(`That message is ${bytes} bytes; the limit is ${state.limits.maxTextBytes}. Shorten it.`);
  return {
    actions: [{ type: 'send', cid: context.newCid(), target, kind, text, now: context.now }],
    frames: [],
  };
}
