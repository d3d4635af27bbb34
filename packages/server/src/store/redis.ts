import {
  applyMessageEvent,
  type ChatMessage,
  ErrorCode,
  encodeServerMessage,
  indexTokens,
} from 'aurora-protocol';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import { RedisKeys } from '../cluster/keys.js';
import { createId, type IdFactory } from '../ids.js';
import { eventMessage, inStoredOrder } from './message-state.js';
import { RedisAccounts } from './redis-accounts.js';
import { scanRecords, storage } from './redis-call.js';
import { RedisModeration } from './redis-moderation.js';
import {
  cidField,
  decodeRecord,
  headerOf,
  pendingMessage,
  recordHeader,
  splitFrame,
} from './redis-record.js';
import { RedisResetCodes } from './redis-reset-codes.js';
import { APPEND, CHANGE, PRUNE, UNINDEX } from './redis-scripts.js';
import { indexArgs, searchBase, searchRedis } from './redis-search.js';
import { RedisWebhooks } from './redis-webhooks.js';
import { isIndexed, type SearchPage, type StoreSearch } from './search.js';
import type {
  AppendResult,
  Bounds,
  ChangeResult,
  DecideChange,
  NewMessage,
  Page,
  PageQuery,
  RememberedMember,
  Retention,
  Store,
  StoredMessage,
} from './store.js';

/** Options for {@link RedisStore}. */
export interface RedisStoreOptions {
  /** The command connection (see `connectRedis`). */
  readonly redis: Redis;
  readonly keys?: RedisKeys;
  readonly retention?: Retention;
  readonly clock: Pick<Clock, 'now'>;
  readonly ids?: IdFactory;
  /** Search candidates examined per target per page (default `SEARCH_BUDGET`; tests make it small). */
  readonly searchBudget?: number;
}

/**
 * Messages retention removes per script run, so one run never blocks Redis for long (and its reply,
 * which carries the removed messages for the search index, stays small).
 */
const PRUNE_STEP = 1000;

/**
 * Times a change reads the message again when another node changed it between the read and the
 * script; each retry means someone else's change went through, so this is only ever reached by a
 * message under a storm of reactions, which then gets `store_unavailable` and may retry.
 */
const CHANGE_TRIES = 8;

/**
 * The cluster store: history, topics and accounts in Redis, shared by every node. An append is one
 * Lua script that checks the cid, takes the next seq, stores the message and publishes it, so every
 * node receives a target's messages in seq order and only after they are stored; the promise
 * resolves once Redis has run it (what makes a message durable is Redis's persistence: see "Scaling out" in the README).
 */
export class RedisStore implements Store {
  readonly accounts: RedisAccounts;
  readonly webhooks: RedisWebhooks;
  readonly moderation: RedisModeration;
  readonly resetCodes: RedisResetCodes;
  private readonly redis: Redis;
  private readonly keys: RedisKeys;
  private readonly ids: IdFactory;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly options: RedisStoreOptions) {
    this.redis = options.redis;
    this.keys = options.keys ?? new RedisKeys();
    this.ids = options.ids ?? createId;
    this.accounts = new RedisAccounts(this.redis, this.keys, options.clock);
    this.webhooks = new RedisWebhooks(this.redis, this.keys);
    this.moderation = new RedisModeration(this.redis, this.keys);
    this.resetCodes = new RedisResetCodes(this.redis, this.keys);
  }

  append(input: NewMessage): Promise<AppendResult> {
    return this.appendAndPublish(input, []);
  }

  /** Stores a message and, when it is new, publishes it on `channels` in the same atomic step. */
  appendAndPublish(input: NewMessage, channels: readonly string[]): Promise<AppendResult> {
    const work = storage(() => this.runAppend(input, channels));
    this.inFlight.add(work);
    const forget = () => this.inFlight.delete(work);
    work.then(forget, forget);
    return work;
  }

  change(target: string, seq: number, decide: DecideChange): Promise<ChangeResult> {
    return this.changeAndPublish(target, seq, decide, []);
  }

  /** `change`, publishing the event on `channels` in the same script (see CHANGE). */
  changeAndPublish(
    target: string,
    seq: number,
    decide: DecideChange,
    channels: readonly string[],
  ): Promise<ChangeResult> {
    const work = storage(() => this.runChange(target, seq, decide, channels));
    this.inFlight.add(work);
    const forget = () => this.inFlight.delete(work);
    work.then(forget, forget);
    return work;
  }

  message(target: string, seq: number): Promise<StoredMessage | undefined> {
    return storage(async () => {
      const member = (await this.redis.zrange(this.keys.messages(target), seq, seq, 'BYSCORE'))[0];
      if (member === undefined) return undefined;
      const record = decodeRecord(member);
      return { message: record.message, fromKey: record.fromKey };
    });
  }

  page(target: string, query: PageQuery): Promise<Page> {
    return storage(async () => {
      // Without `after` the page is the newest slice, read newest first and then reversed.
      const ascending = query.after !== undefined;
      const found: ChatMessage[] = [];
      const range = { after: query.after, before: query.before, descending: !ascending };
      for await (const record of scanRecords(this.redis, this.keys.messages(target), {
        ...range,
        batch: Math.min(Math.max(query.limit + 1, 50), 1000),
      })) {
        if (query.notBefore !== undefined && record.ts < query.notBefore) {
          // Walking back in time, everything further is older still.
          if (!ascending) break;
          continue;
        }
        found.push(record.message);
        if (found.length > query.limit) break;
      }
      const kept = found.slice(0, query.limit);
      if (!ascending) kept.reverse();
      return { messages: kept, more: found.length > query.limit };
    });
  }

  search(query: StoreSearch): Promise<SearchPage> {
    return storage(() => searchRedis(this.redis, this.keys, query, this.options.searchBudget));
  }

  bounds(target: string): Promise<Bounds> {
    return storage(async () => {
      // The seq counter is taken in the same script that stores, so it is the last stored seq, and it
      // outlives retention: when every message was pruned, first is past last.
      const [first, counter] = await Promise.all([
        this.redis.zrange(this.keys.messages(target), 0, 0, 'WITHSCORES'),
        this.redis.get(this.keys.seq(target)),
      ]);
      const last = Number(counter ?? 0);
      return { first: first[1] === undefined ? (last === 0 ? 0 : last + 1) : Number(first[1]), last };
    });
  }

  topic(room: string): Promise<string> {
    return storage(async () => (await this.redis.hget(this.keys.topics, room)) ?? '');
  }

  setTopic(room: string, topic: string): Promise<void> {
    return storage(async () => {
      await this.redis.hset(this.keys.topics, room, topic);
    });
  }

  rememberMember(member: RememberedMember): Promise<void> {
    return storage(async () => {
      await this.redis.hset(this.keys.remembered, `${member.room} ${member.key}`, member.nick);
    });
  }

  forgetMember(room: string, key: string): Promise<void> {
    return storage(async () => {
      await this.redis.hdel(this.keys.remembered, `${room} ${key}`);
    });
  }

  /** Forgets a remembered member; true when this call did it (so one node announces the leave). */
  forgetMemberOnce(room: string, key: string): Promise<boolean> {
    return storage(async () => (await this.redis.hdel(this.keys.remembered, `${room} ${key}`)) === 1);
  }

  isRemembered(room: string, key: string): Promise<boolean> {
    return storage(async () => (await this.redis.hexists(this.keys.remembered, `${room} ${key}`)) === 1);
  }

  rememberedMembers(): Promise<RememberedMember[]> {
    return storage(async () =>
      Object.entries(await this.redis.hgetall(this.keys.remembered)).map(([field, nick]) => {
        const [room = '', key = ''] = field.split(' ');
        return { room, key, nick };
      }),
    );
  }

  prune(now: number): Promise<number> {
    const { maxAgeMs, maxPerTarget } = this.options.retention ?? {};
    if (maxAgeMs === undefined && maxPerTarget === undefined) return Promise.resolve(0);
    const args = [maxAgeMs === undefined ? '' : now - maxAgeMs, maxPerTarget ?? '', PRUNE_STEP];
    return storage(async () => {
      let removed = 0;
      for (const target of await this.redis.smembers(this.keys.targets)) {
        const keys = [this.keys.messages(target), this.keys.cids(target)];
        for (;;) {
          const dropped = (await PRUNE.run(this.redis, keys, args)) as string[];
          await this.unindex(target, dropped);
          // A pruned message's list of edits goes with it.
          const seqs = dropped.map((member) => String(decodeRecord(member).message.seq));
          if (seqs.length > 0) await this.redis.hdel(this.keys.edits(target), ...seqs);
          removed += dropped.length;
          if (dropped.length < PRUNE_STEP) break;
        }
      }
      return removed;
    });
  }

  async flush(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  async close(): Promise<void> {
    await this.flush();
  }

  /**
   * Takes messages retention removed out of the search index, tokenized as the append indexed them.
   * It runs after the prune: were this node to die between, the entries left behind point at no
   * message, and searches skip them.
   */
  private async unindex(target: string, members: readonly string[]): Promise<void> {
    const args = [searchBase(this.keys, target)];
    for (const member of members) {
      const record = decodeRecord(member);
      if (!isIndexed(record.kind)) continue;
      args.push(
        String(record.message.seq),
        record.fromKey,
        [...new Set(indexTokens(record.message.text))].join(' '),
      );
    }
    if (args.length > 1) await UNINDEX.run(this.redis, [], args);
  }

  private async runChange(
    target: string,
    about: number,
    decide: DecideChange,
    channels: readonly string[],
  ): Promise<ChangeResult> {
    const messages = this.keys.messages(target);
    for (let tries = 0; tries < CHANGE_TRIES; tries++) {
      const member = (await this.redis.zrange(messages, about, about, 'BYSCORE'))[0];
      const record = member === undefined ? undefined : decodeRecord(member);
      const now = this.options.clock.now();
      const decision = decide(record && { message: record.message, fromKey: record.fromKey }, now);
      if ('refuse' in decision) return { ok: false, code: decision.refuse, reason: decision.reason };
      if ('unchanged' in decision) return { ok: true, message: decision.unchanged };
      if (member === undefined || record === undefined)
        return { ok: false, code: ErrorCode.NoSuchMessage, reason: 'there is no such message' };
      const change = decision.store;
      const event = eventMessage(change, this.ids('m'), 0, now);
      const { head, tail } = splitFrame(event);
      // The state with the event folded in, its rev left for the script to fill (rev is stored last).
      const folded = applyMessageEvent(record.message, { ...event, seq: Number.MAX_SAFE_INTEGER });
      const state = encodeServerMessage(inStoredOrder({ ...folded, rev: 0 }));
      if (!state.endsWith('"rev":0}')) throw new Error('a message state must end with its rev');
      const scrubbed = change.kind === 'delete' ? await this.blankedEdits(target, about) : [];
      const oldWords = [...new Set(indexTokens(record.message.text))].join(' ');
      const newWords = change.kind === 'edit' ? [...new Set(indexTokens(folded.text))].join(' ') : '';
      const result = (await CHANGE.run(
        this.redis,
        [this.keys.seq(target), messages, this.keys.edits(target)],
        [
          member,
          `${change.fromKey}\n${change.toKey ?? ''}\n${change.kind}\n${now}\n\n`,
          head,
          tail,
          headerOf(member) + state.slice(0, -2),
          String(about),
          this.keys.fanout,
          channels.join(' '),
          target,
          searchBase(this.keys, target),
          this.keys.searchDocs,
          change.kind,
          oldWords,
          newWords,
          record.fromKey,
          ...scrubbed,
        ],
      )) as [number, number?];
      if (result[0] === 0) continue;
      const seq = Number(result[1]);
      return { ok: true, event: { ...event, seq }, message: inStoredOrder({ ...folded, rev: seq }) };
    }
    return {
      ok: false,
      code: ErrorCode.StoreUnavailable,
      reason: 'this message is being changed by many people at once; try again',
    };
  }

  /** The edit events of a message, each as stored and then with its text blanked (for a delete). */
  private async blankedEdits(target: string, about: number): Promise<string[]> {
    const seqs = (await this.redis.hget(this.keys.edits(target), String(about)))?.split(' ') ?? [];
    const pairs: string[] = [];
    for (const seq of seqs) {
      const member = (await this.redis.zrange(this.keys.messages(target), seq, seq, 'BYSCORE'))[0];
      if (member === undefined) continue;
      const { message } = decodeRecord(member);
      pairs.push(member, headerOf(member) + encodeServerMessage(inStoredOrder({ ...message, text: '' })));
    }
    return pairs;
  }

  private async runAppend(input: NewMessage, channels: readonly string[]): Promise<AppendResult> {
    const ts = this.options.clock.now();
    const message = pendingMessage(input, this.ids('m'), ts);
    const { head, tail } = splitFrame(message);
    const keys = [
      this.keys.seq(input.target),
      this.keys.messages(input.target),
      this.keys.cids(input.target),
      this.keys.targets,
    ];
    if (input.toKey !== undefined)
      keys.push(this.keys.directs(input.fromKey), this.keys.directs(input.toKey));
    const args = [
      cidField(input),
      recordHeader(input, ts),
      head,
      tail,
      input.target,
      this.keys.fanout,
      channels.join(' '),
      ...indexArgs(this.keys, input.target, isIndexed(input.kind) ? indexTokens(input.text) : undefined),
      input.fromKey,
    ];
    const [fresh, value] = (await APPEND.run(this.redis, keys, args)) as [number, number | string];
    if (fresh === 0) return { message: decodeRecord(String(value)).message, duplicate: true };
    return { message: { ...message, seq: Number(value) }, duplicate: false };
  }
}
