import {
  type ChatMessage,
  checkEmoji,
  hasReacted,
  isMessageEvent,
  type Member,
  sameName,
} from 'aurora-protocol';
import type { ChatState } from './chat-state.js';
import type { Command } from './commands.js';
import type { MessageChange } from './connection-types.js';
import type { MessageItem } from './items.js';
import { isDmTarget } from './targets.js';

/** What `/edit`, `/delete`, `/react` and `/reply` come to in the window they were typed in. */
export type MessageCommandPlan =
  | { readonly kind: 'change'; readonly target: string; readonly seq: number; readonly change: MessageChange }
  | {
      readonly kind: 'send';
      readonly target: string;
      readonly sendKind: 'say' | 'dm';
      readonly text: string;
      readonly replyTo: number;
    }
  /** Show message `seq` of `target`, loading the history around it when it is not loaded. */
  | { readonly kind: 'goto'; readonly target: string; readonly seq: number }
  /** Nothing to send; a line to show (who reacted). */
  | { readonly kind: 'show'; readonly message: string }
  /** Nothing to send: the sentence says why (no such message here, not yours, a bad emoji). */
  | { readonly kind: 'refuse'; readonly message: string };

/**
 * True when `me` moderates the room these are the members of: an owner, operator or server admin
 * there may delete anyone's message (the server checks it again).
 */
export function moderatesHere(members: readonly Member[], me: string | undefined): boolean {
  return me !== undefined && members.some((member) => member.role !== undefined && sameName(member.nick, me));
}

type MessageCommand = Extract<
  Command,
  { type: 'edit' | 'delete' | 'react' | 'reply' | 'reactions' | 'goto' }
>;

/**
 * Resolves a message command against the current window: message numbers are seqs of its
 * transcript, and `/edit` or `/delete` without one mean your last message there. What the server
 * will refuse anyway (someone else's message) is refused here first with the same words.
 */
export function planMessageCommand(state: ChatState, command: MessageCommand): MessageCommandPlan {
  const target = state.targets[state.current];
  if (target === undefined || target.kind === 'home')
    return { kind: 'refuse', message: 'Open a room or a conversation first.' };
  const messages: MessageItem[] = [];
  for (const item of target.items)
    if (item.kind === 'message' && !isMessageEvent(item.message) && item.message.kind !== 'system')
      messages.push(item);
  if (command.type === 'goto') {
    // It may be further back than what is loaded (whoever shows it loads it), never past the last.
    const last = messages.at(-1)?.message.seq ?? 0;
    return command.seq > last || command.seq < 1
      ? { kind: 'refuse', message: `There is no message ${command.seq} here.` }
      : { kind: 'goto', target: target.key, seq: command.seq };
  }
  const seq =
    'seq' in command && command.seq !== undefined
      ? command.seq
      : messages.findLast((item) => item.mine && !item.message.deleted)?.message.seq;
  const found = messages.find((item) => item.message.seq === seq);
  if (seq === undefined || found === undefined || found.message.deleted)
    return {
      kind: 'refuse',
      message: seq === undefined ? 'You have no message here yet.' : `There is no message ${seq} here.`,
    };
  const place = { target: target.key, seq };
  switch (command.type) {
    case 'edit':
    case 'delete':
      if (!found.mine && !(command.type === 'delete' && moderatesHere(target.members, state.me)))
        return { kind: 'refuse', message: `Message ${seq} is not yours (not_author).` };
      return {
        kind: 'change',
        ...place,
        change: command.type === 'edit' ? { kind: 'edit', text: command.text } : { kind: 'delete' },
      };
    case 'react': {
      const checked = checkEmoji(command.emoji);
      if (!checked.ok) return { kind: 'refuse', message: `${checked.message} (bad_emoji)` };
      const on = !hasReacted(found.message, checked.emoji, state.me);
      return { kind: 'change', ...place, change: { kind: 'react', emoji: checked.emoji, on } };
    }
    case 'reactions':
      return { kind: 'show', message: reactionsText(found.message) };
    case 'reply':
      return {
        kind: 'send',
        target: target.key,
        sendKind: isDmTarget(target.key) ? 'dm' : 'say',
        text: command.text,
        replyTo: seq,
      };
  }
}

/** Who reacted to a message, with what: `Reactions to message 41: 👍 alice, bob · 🎉 carol`. */
export function reactionsText(message: ChatMessage): string {
  const reactions = message.reactions ?? [];
  if (reactions.length === 0) return `Nobody reacted to message ${message.seq}.`;
  const each = reactions.map((reaction) => `${reaction.emoji} ${reaction.who.join(', ')}`);
  return `Reactions to message ${message.seq}: ${each.join(' · ')}`;
}
