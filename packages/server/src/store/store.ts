import type { ChatMessage, ErrorCode, MessageKind, SystemEvent } from 'aurora-protocol';
import type { AccountStore } from './accounts.js';
import type { ModerationStore } from './moderation.js';
import type { ResetCodeStore } from './reset-codes.js';
import type { SearchPage, StoreSearch } from './search.js';
import type { WebhookStore } from './webhooks.js';

/** A message to store; the store assigns `id`, `seq` and `ts`. */
export interface NewMessage {
  /** Storage key (`roomKey` or `dmKey`). */
  readonly target: string;
  readonly kind: MessageKind;
  readonly room?: string;
  readonly to?: string;
  /** The recipient's canonical name, on direct messages. */
  readonly toKey?: string;
  readonly from: string;
  /** The sender's canonical name: with `cid`, what makes a retry idempotent. */
  readonly fromKey: string;
  /** True when the sender is logged in to the account of that name (`account` on the message). */
  readonly fromAccount?: boolean;
  /** True when an incoming webhook posted it (`bot` on the message). */
  readonly fromBot?: boolean;
  readonly text: string;
  readonly cid?: string;
  readonly event?: SystemEvent;
  /** The seq of the message (same target) this one answers. */
  readonly replyTo?: number;
}

/** An event to store about an earlier message of the same target (see `applyMessageEvent`). */
export interface NewChange {
  /** Storage key (`roomKey` or `dmKey`). */
  readonly target: string;
  readonly kind: 'edit' | 'delete' | 'reaction';
  /** The seq of the message it changes. */
  readonly about: number;
  readonly room?: string;
  readonly to?: string;
  readonly toKey?: string;
  readonly from: string;
  readonly fromKey: string;
  readonly fromAccount?: boolean;
  /** The new text, on an edit. */
  readonly text?: string;
  /** On a reaction: the emoji, and whether it is put on or taken off. */
  readonly emoji?: string;
  readonly on?: boolean;
}

/** A stored message as the lifecycle rules see it: its current state and its sender's canonical name. */
export interface StoredMessage {
  readonly message: ChatMessage;
  readonly fromKey: string;
}

/**
 * What the lifecycle rules decide about a change once they see the message (or that there is none):
 * refuse it, store this event, or answer that it is already so (a reaction one already has).
 */
export type ChangeDecision =
  | { readonly refuse: ErrorCode; readonly reason: string }
  | { readonly store: NewChange }
  | { readonly unchanged: ChatMessage };

/** The rules a store consults inside its atomic step, with the store's clock reading. */
export type DecideChange = (stored: StoredMessage | undefined, now: number) => ChangeDecision;

/** What `change` did: refused (nothing changed), stored `event` (the message is now `message`), or nothing. */
export type ChangeResult =
  | { readonly ok: false; readonly code: ErrorCode; readonly reason: string }
  | { readonly ok: true; readonly event?: ChatMessage; readonly message: ChatMessage };

/** What `append` stored, and whether it was already there (a retried `cid`). */
export interface AppendResult {
  readonly message: ChatMessage;
  readonly duplicate: boolean;
}

/** A history query: see the `history` message in PROTOCOL.md. */
export interface PageQuery {
  readonly before?: number;
  readonly after?: number;
  readonly limit: number;
  /** Only messages at or after this time (guests see their direct messages since they took the name). */
  readonly notBefore?: number;
}

/** A page of messages, oldest first. */
export interface Page {
  readonly messages: ChatMessage[];
  readonly more: boolean;
}

/** The first and last stored seq of a target (0 and 0 when it has none). */
export interface Bounds {
  readonly first: number;
  readonly last: number;
}

/** How long history is kept; both unset means forever. */
export interface Retention {
  readonly maxAgeMs?: number;
  readonly maxPerTarget?: number;
}

/** A room member remembered across restarts, so a resumed join after a restart is quiet. */
export interface RememberedMember {
  readonly room: string;
  readonly key: string;
  readonly nick: string;
}

/** Raised when storage fails; the message was not stored. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
}

/**
 * Where messages, topics and remembered members live. Async so a networked store (Redis) fits the
 * same interface. `append` resolves only once the message is durable.
 */
export interface Store {
  /** Accounts, sessions and read markers. */
  readonly accounts: AccountStore;
  /** The incoming webhooks operators made (`aurora-server webhook`). */
  readonly webhooks: WebhookStore;
  /** Rooms' owners and operators, bans and mutes, and the server admins. */
  readonly moderation: ModerationStore;
  /** One-time password reset codes (`aurora-server admin reset-password`). */
  readonly resetCodes: ResetCodeStore;
  append(message: NewMessage): Promise<AppendResult>;
  /**
   * Optional: stores a message and, when it is new, publishes it on the broker `channels` in one
   * atomic step, so every node receives a target's messages in seq order and only once stored
   * (cluster mode). Without it the hub appends, then publishes through the broker.
   */
  appendAndPublish?(message: NewMessage, channels: readonly string[]): Promise<AppendResult>;
  /**
   * Reads message `seq` of a target and lets `decide` rule on it; a change it allows is stored as an
   * event with the target's next seq, and the message's current state, its search document and (on a
   * delete) the text of its earlier edits are updated in the same atomic step. Nothing changes when
   * it refuses.
   */
  change(target: string, seq: number, decide: DecideChange): Promise<ChangeResult>;
  /** Optional, like `appendAndPublish`: `change`, publishing the event on `channels` in the same step. */
  changeAndPublish?(
    target: string,
    seq: number,
    decide: DecideChange,
    channels: readonly string[],
  ): Promise<ChangeResult>;
  /** One stored message as it is now, with its sender's canonical name; undefined when there is none. */
  message(target: string, seq: number): Promise<StoredMessage | undefined>;
  page(target: string, query: PageQuery): Promise<Page>;
  bounds(target: string): Promise<Bounds>;
  /** Full-text search within the scopes given, newest first (see `search.ts`). */
  search(query: StoreSearch): Promise<SearchPage>;
  topic(room: string): Promise<string>;
  setTopic(room: string, topic: string): Promise<void>;
  rememberMember(member: RememberedMember): Promise<void>;
  forgetMember(room: string, key: string): Promise<void>;
  isRemembered(room: string, key: string): Promise<boolean>;
  rememberedMembers(): Promise<RememberedMember[]>;
  /** Deletes what retention no longer keeps; returns how many messages went. */
  prune(now: number): Promise<number>;
  /** Resolves once everything appended so far is durable. */
  flush(): Promise<void>;
  close(): Promise<void>;
}
