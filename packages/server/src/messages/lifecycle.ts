import { type ChatMessage, canonicalName, checkEmoji, ErrorCode } from 'aurora-protocol';
import type { ChangeDecision, DecideChange, NewChange, StoredMessage } from '../store/store.js';

// The rules of a message's life after it is sent: who may edit, delete or react, until when, and how
// many reactions it may carry. Handlers parse and reply; stores run `decide` inside their atomic step,
// so the rules see the message exactly as the change will find it.

/** Who asks for a change: their name now, and their canonical name (what authorship is keyed by). */
export interface Actor {
  readonly nick: string;
  readonly key: string;
  readonly account: boolean;
  /** An operator or owner of the room the message is in, or a server admin (see `rooms/roles.ts`). */
  readonly moderator?: boolean | undefined;
}

/** What the rules need besides the message. */
export interface LifecycleLimits {
  readonly editWindowMs: number;
  readonly maxReactionsPerMessage: number;
}

/** What a client asked for, checked as far as a request alone can be (the emoji already resolved). */
export type ChangeRequest =
  | { readonly kind: 'edit'; readonly text: string }
  | { readonly kind: 'delete' }
  | { readonly kind: 'reaction'; readonly emoji: string; readonly on: boolean };

/** Where the change is stored and delivered: the wire names of the room, or of the conversation's other person. */
export interface ChangePlace {
  readonly target: string;
  readonly room?: string;
  readonly to?: string;
  readonly toKey?: string;
  /** Guests read direct messages from when they took the name: nothing older may be changed by them. */
  readonly notBefore?: number;
}

/** True for the kinds of message people send, the only ones that can be changed, reacted or replied to. */
export function isLine(message: Pick<ChatMessage, 'kind'>): boolean {
  return message.kind === 'chat' || message.kind === 'action' || message.kind === 'dm';
}

/** May `actor` edit this message? Its author only. */
export function mayEdit(actor: Actor, stored: StoredMessage): boolean {
  return stored.fromKey === actor.key && stored.message.bot !== true;
}

/**
 * May `actor` delete this message? Its author, or a moderator of its room (operators, owners and
 * server admins remove spam, a webhook's posts included).
 */
export function mayDelete(actor: Actor, stored: StoredMessage): boolean {
  return actor.moderator === true || (stored.fromKey === actor.key && stored.message.bot !== true);
}

/** Checks a typed emoji for `react`: the stored emoji, or the refusal (`bad_emoji`). */
export function reactionEmoji(typed: string): { emoji: string } | { refuse: ErrorCode; reason: string } {
  const checked = checkEmoji(typed);
  return checked.ok ? { emoji: checked.emoji } : { refuse: ErrorCode.BadEmoji, reason: checked.message };
}

/**
 * The rules of one change, for a store to run on the message as it finds it: a message that is not
 * there, not a line, deleted, or older than a guest may read is `no_such_message`; edits and deletes
 * are the author's (`not_author`), edits within the window (`edit_window_closed`); a new emoji past
 * the bound is `too_many_reactions`; a reaction already so changes nothing.
 */
export function decideChange(
  actor: Actor,
  place: ChangePlace,
  about: number,
  request: ChangeRequest,
  limits: LifecycleLimits,
): DecideChange {
  return (stored, now) => {
    const message = stored?.message;
    if (
      stored === undefined ||
      message === undefined ||
      !isLine(message) ||
      message.deleted === true ||
      (place.notBefore !== undefined && message.ts < place.notBefore)
    )
      return refuse(ErrorCode.NoSuchMessage, `there is no message ${about} here`);
    const event: NewChange = {
      target: place.target,
      kind: request.kind,
      about,
      ...(place.room === undefined ? {} : { room: place.room }),
      ...(place.to === undefined ? {} : { to: place.to }),
      ...(place.toKey === undefined ? {} : { toKey: place.toKey }),
      from: actor.nick,
      fromKey: actor.key,
      ...(actor.account ? { fromAccount: true } : {}),
    };
    if (request.kind === 'edit') {
      if (!mayEdit(actor, stored)) return refuse(ErrorCode.NotAuthor, 'only its author may edit a message');
      if (now - message.ts >= limits.editWindowMs)
        return refuse(ErrorCode.EditWindowClosed, 'this message is too old to edit; send a new one');
      if (request.text === message.text) return { unchanged: message };
      return { store: { ...event, text: request.text } };
    }
    if (request.kind === 'delete') {
      if (!mayDelete(actor, stored))
        return refuse(ErrorCode.NotAuthor, "only its author or the room's operators may delete a message");
      return { store: event };
    }
    const { emoji, on } = request;
    const reactions = message.reactions ?? [];
    const mine = reactions
      .find((reaction) => reaction.emoji === emoji)
      ?.who.find((who) => canonicalName(who) === actor.key);
    if (on ? mine !== undefined : mine === undefined) return { unchanged: message };
    if (
      on &&
      !reactions.some((reaction) => reaction.emoji === emoji) &&
      reactions.length >= limits.maxReactionsPerMessage
    )
      return refuse(
        ErrorCode.TooManyReactions,
        `this message has ${reactions.length} different reactions already; add one of those`,
      );
    // Taken off under the name it was put on with, so every client finds it in `who`.
    return { store: { ...event, emoji, on, ...(mine === undefined ? {} : { from: mine }) } };
  };
}

function refuse(code: ErrorCode, reason: string): ChangeDecision {
  return { refuse: code, reason };
}
