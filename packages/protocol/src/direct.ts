import type { ChatMessage } from './schema/common.js';

/**
 * True when a message belongs to a direct conversation: a `dm`, or a system notice the server wrote
 * into one (it carries `to` and no `room`). Clients place both in the conversation with the person
 * who is not them.
 */
export function inDirectConversation(message: ChatMessage): boolean {
  return message.kind === 'dm' || (message.room === undefined && message.to !== undefined);
}
