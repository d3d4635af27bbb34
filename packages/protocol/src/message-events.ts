import { canonicalName } from './names.js';
import type { ChatMessage, Reaction } from './schema/common.js';

/** True for the kinds that change an earlier message (`edit`, `delete`, `reaction`), not transcript lines. */
export function isMessageEvent(message: Pick<ChatMessage, 'kind'>): boolean {
  return message.kind === 'edit' || message.kind === 'delete' || message.kind === 'reaction';
}

/**
 * Folds one event into the message it is `about`: the one rule of what an edit, a delete or a
 * reaction does, shared by the stores (which keep each message's current state) and the clients
 * (which apply events as they arrive, live or replayed). Events at or below the message's `rev` are
 * already in it and change nothing, so a state read from history is never turned back; a deleted
 * message stays deleted. Returns the same object when nothing changes.
 */
export function applyMessageEvent(message: ChatMessage, event: ChatMessage): ChatMessage {
  if (!isMessageEvent(event) || event.about !== message.seq || event.seq <= message.seq) return message;
  if (event.seq <= (message.rev ?? 0) || message.deleted) return message;
  if (event.kind === 'delete') {
    const { edited: _edited, reactions: _reactions, ...rest } = message;
    return { ...rest, text: '', deleted: true, rev: event.seq };
  }
  if (event.kind === 'edit') return { ...message, text: event.text, edited: event.ts, rev: event.seq };
  const reactions = react(message.reactions ?? [], event.emoji ?? '', event.from, event.on !== false);
  const { reactions: _old, ...rest } = message;
  return reactions.length === 0 ? { ...rest, rev: event.seq } : { ...rest, reactions, rev: event.seq };
}

/** True when `name` has put `emoji` on the message (names compared by canonical form). */
export function hasReacted(message: ChatMessage, emoji: string, name: string): boolean {
  const key = canonicalName(name);
  return (message.reactions ?? []).some(
    (reaction) => reaction.emoji === emoji && reaction.who.some((who) => canonicalName(who) === key),
  );
}

function react(reactions: readonly Reaction[], emoji: string, from: string, on: boolean): Reaction[] {
  const key = canonicalName(from);
  const out: Reaction[] = [];
  let found = false;
  for (const reaction of reactions) {
    if (reaction.emoji !== emoji) {
      out.push(reaction);
      continue;
    }
    found = true;
    const others = reaction.who.filter((who) => canonicalName(who) !== key);
    // Putting on a reaction one already has keeps one's place in the list.
    const who = !on ? others : others.length < reaction.who.length ? reaction.who : [...others, from];
    if (who.length > 0) out.push({ emoji, who });
  }
  if (!found && on) out.push({ emoji, who: [from] });
  return out;
}
