import type { ChatMessage, MessageKind, SystemEvent } from 'aurora-protocol';
import type { AccountStore } from './accounts.js';
import type { ModerationStore } from './moderation.js';
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
}

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
  append(message: NewMessage): Promise<AppendResult>;
  /**
   * Optional: stores a message and, when it is new, publishes it on the broker `channels` in one
   * atomic step, so every node receives a target's messages in seq order and only once stored
   * (cluster mode). Without it the hub appends, then publishes through the broker.
   */
  appendAndPublish?(message: NewMessage, channels: readonly string[]): Promise<AppendResult>;
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
