import {
  type ChatMessage,
  ErrorCode,
  isMessageEvent,
  mentionMatcher,
  type NotifyPrefs,
  type PrefsOutcome,
} from 'aurora-protocol';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import type { RedisKeys } from '../cluster/keys.js';
import {
  type Account,
  type AccountListing,
  type AccountStore,
  INSPECTED_AFTER_MARKER,
  type MentionRule,
  type SessionRecord,
} from './accounts.js';
import { decodePrefs } from './prefs-json.js';
import { scanRecords, storage } from './redis-call.js';
import type { StoredRecord } from './redis-record.js';
import {
  CREATE_ACCOUNT,
  DELETE_ACCOUNT,
  DELETE_IF,
  MARK_READ,
  REPLACE_IF,
  REVOKE_ALL,
  REVOKE_ONE,
  UNREAD,
} from './redis-scripts.js';

/** How long a session record stays readable after it expires (then Redis forgets it). */
const EXPIRED_SESSION_KEPT_MS = 7 * 86_400_000;
/**
 * Tries of a change (preferences, a password) that another node's change keeps overtaking. Each try
 * is a read and a compare-and-set; people change these by hand, so even two tries are rare.
 */
const CHANGE_TRIES = 16;

/** Accounts, sessions and read markers in Redis, beside the history they point into. */
export class RedisAccounts implements AccountStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  createAccount(account: Account, skeleton: string): Promise<boolean> {
    return storage(async () => {
      const keys = [this.keys.account(account.key), this.keys.accountSkeletons];
      return (
        Number(
          await CREATE_ACCOUNT.run(this.redis, keys, [JSON.stringify(account), skeleton, account.key]),
        ) === 1
      );
    });
  }

  accountBySkeleton(skeleton: string): Promise<Account | undefined> {
    return storage(async () => {
      const key = await this.redis.hget(this.keys.accountSkeletons, skeleton);
      return key === null ? undefined : this.account(key);
    });
  }

  reindexSkeletons(skeletonOf: (name: string) => string): Promise<string[][]> {
    return storage(async () => {
      const index = this.keys.accountSkeletons;
      const groups = new Map<string, string[]>();
      const skeletonOfKey = new Map<string, string>();
      const accounts = this.redis.scanStream({ match: `${this.keys.account('')}*`, count: 500 });
      for await (const batch of accounts as AsyncIterable<string[]>) {
        if (batch.length === 0) continue;
        for (const json of await this.redis.mget(batch)) {
          if (json === null) continue;
          // Written by createAccount from an Account.
          const account = JSON.parse(json) as Account;
          const skeleton = skeletonOf(account.name);
          skeletonOfKey.set(account.key, skeleton);
          groups.set(skeleton, [...(groups.get(skeleton) ?? []), account.name]);
        }
      }
      // Entries of an older skeleton of an account seen above go; compare-and-delete, so an entry
      // a node wrote meanwhile for another account stays.
      const entries = this.redis.hscanStream(index, { count: 500 });
      for await (const batch of entries as AsyncIterable<string[]>) {
        for (let i = 0; i + 1 < batch.length; i += 2) {
          const [skeleton, key] = [batch[i]!, batch[i + 1]!];
          const current = skeletonOfKey.get(key);
          if (current !== undefined && current !== skeleton)
            await DELETE_IF.run(this.redis, [index], [skeleton, key]);
        }
      }
      // HSETNX: never takes a skeleton from an account a node registered meanwhile.
      for (const [key, skeleton] of skeletonOfKey) await this.redis.hsetnx(index, skeleton, key);
      return [...groups.values()].filter((names) => names.length > 1);
    });
  }

  account(key: string): Promise<Account | undefined> {
    return storage(async () => {
      const json = await this.redis.get(this.keys.account(key));
      // Written by createAccount from an Account.
      return json === null ? undefined : (JSON.parse(json) as Account);
    });
  }

  listAccounts(): Promise<AccountListing[]> {
    return storage(async () => {
      const listed: AccountListing[] = [];
      const accounts = this.redis.scanStream({ match: `${this.keys.account('')}*`, count: 500 });
      for await (const batch of accounts as AsyncIterable<string[]>) {
        if (batch.length === 0) continue;
        for (const json of await this.redis.mget(batch)) {
          if (json === null) continue;
          // Written by createAccount from an Account.
          const { key, name, createdAt } = JSON.parse(json) as Account;
          listed.push({ key, name, createdAt });
        }
      }
      return listed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    });
  }

  changePassword(
    accountKey: string,
    password: string,
    endSessions: { readonly except: string } | false,
  ): Promise<boolean> {
    const key = this.keys.account(accountKey);
    return storage(async () => {
      // Compare-and-set: a node changing the account meanwhile makes this read again.
      for (let tries = 0; tries < CHANGE_TRIES; tries++) {
        const json = await this.redis.get(key);
        if (json === null) return false;
        // Written by createAccount from an Account.
        const changed = JSON.stringify({ ...(JSON.parse(json) as Account), password });
        if (Number(await REPLACE_IF.run(this.redis, [key], [json, changed])) !== 1) continue;
        if (endSessions)
          await REVOKE_ALL.run(
            this.redis,
            [this.keys.accountSessions(accountKey)],
            [this.keys.session(''), endSessions.except],
          );
        return true;
      }
      throw new Error(`the account ${accountKey} kept changing; its password was not changed`);
    });
  }

  deleteAccount(accountKey: string, skeleton: string, heldUntil: number): Promise<boolean> {
    const keys = [
      this.keys.account(accountKey),
      this.keys.accountSkeletons,
      this.keys.accountSessions(accountKey),
      this.keys.readMarkers(accountKey),
      this.keys.prefs(accountKey),
      this.keys.nameHold(accountKey),
    ];
    // Redis forgets the hold a day after it ends (by this server's clock, which may be a test's).
    const ttl = Math.max(heldUntil - this.clock.now(), 0) + 86_400_000;
    return storage(
      async () =>
        Number(
          await DELETE_ACCOUNT.run(this.redis, keys, [
            skeleton,
            accountKey,
            this.keys.session(''),
            heldUntil,
            ttl,
          ]),
        ) === 1,
    );
  }

  nameHeldUntil(accountKey: string): Promise<number | undefined> {
    return storage(async () => {
      const until = await this.redis.get(this.keys.nameHold(accountKey));
      return until === null ? undefined : Number(until);
    });
  }

  createSession(session: Omit<SessionRecord, 'revoked'>): Promise<void> {
    const key = this.keys.session(session.tokenHash);
    const ttl = Math.max(session.expiresAt - this.clock.now(), 0) + EXPIRED_SESSION_KEPT_MS;
    return storage(async () => {
      await this.redis
        .multi()
        .hset(key, {
          accountKey: session.accountKey,
          createdAt: session.createdAt,
          expiresAt: session.expiresAt,
          revoked: '0',
        })
        .pexpire(key, ttl)
        .sadd(this.keys.accountSessions(session.accountKey), session.tokenHash)
        .exec();
    });
  }

  session(tokenHash: string): Promise<SessionRecord | undefined> {
    return storage(async () => {
      const fields = await this.redis.hgetall(this.keys.session(tokenHash));
      if (fields.accountKey === undefined) return undefined;
      return {
        tokenHash,
        accountKey: fields.accountKey,
        createdAt: Number(fields.createdAt),
        expiresAt: Number(fields.expiresAt),
        revoked: fields.revoked === '1',
      };
    });
  }

  revokeSession(tokenHash: string): Promise<void> {
    return storage(async () => {
      await REVOKE_ONE.run(this.redis, [this.keys.session(tokenHash)], []);
    });
  }

  revokeAllSessions(accountKey: string): Promise<void> {
    return storage(async () => {
      await REVOKE_ALL.run(this.redis, [this.keys.accountSessions(accountKey)], [this.keys.session(''), '']);
    });
  }

  markRead(accountKey: string, target: string, seq: number): Promise<number> {
    return storage(async () =>
      Number(await MARK_READ.run(this.redis, [this.keys.readMarkers(accountKey)], [target, seq])),
    );
  }

  startReading(accountKey: string, target: string, seq: number): Promise<number> {
    const key = this.keys.readMarkers(accountKey);
    return storage(async () => {
      await this.redis.hsetnx(key, target, seq);
      // Markers only move forward, so what is read back is at least what another device set.
      return Number((await this.redis.hget(key, target)) ?? seq);
    });
  }

  stopReading(accountKey: string, target: string): Promise<void> {
    return storage(async () => {
      await this.redis.hdel(this.keys.readMarkers(accountKey), target);
    });
  }

  readMarkers(accountKey: string): Promise<Map<string, number>> {
    return storage(async () => {
      const markers = await this.redis.hgetall(this.keys.readMarkers(accountKey));
      return new Map(Object.entries(markers).map(([target, seq]) => [target, Number(seq)]));
    });
  }

  unreadCount(
    target: string,
    after: number,
    readerKey: string,
    ignored: readonly string[] = [],
  ): Promise<number> {
    return storage(async () =>
      Number(
        await UNREAD.run(
          this.redis,
          [this.keys.messages(target)],
          [after, readerKey, INSPECTED_AFTER_MARKER, ...ignored],
        ),
      ),
    );
  }

  mentions(
    target: string,
    after: number,
    reader: MentionRule,
    readerKey: string,
    limit: number,
  ): Promise<ChatMessage[]> {
    const mentioned = mentionMatcher(reader.nick, reader.keywords);
    const ignored = new Set(reader.ignored);
    const found: ChatMessage[] = [];
    let inspected = 0;
    // The oldest mentions after the marker, among the first INSPECTED_AFTER_MARKER messages.
    return storage(async () => {
      for await (const record of scanRecords(this.redis, this.keys.messages(target), { after, batch: 500 })) {
        if (++inspected > INSPECTED_AFTER_MARKER) break;
        if (record.fromKey === readerKey || (record.kind !== 'chat' && record.kind !== 'action')) continue;
        if (ignored.has(record.fromKey)) continue;
        if (mentioned(record.message.text)) found.push(record.message);
        if (found.length >= limit) break;
      }
      return found;
    });
  }

  /** The direct conversations (targets) a person takes part in. */
  directTargets(key: string): Promise<string[]> {
    return storage(() => this.redis.smembers(this.keys.directs(key)));
  }

  directTo(key: string, limit: number): Promise<{ target: string; message: ChatMessage }[]> {
    return storage(async () => {
      const found: { target: string; record: StoredRecord }[] = [];
      for (const target of await this.directTargets(key)) {
        let taken = 0;
        const range = { descending: true, batch: Math.min(limit, 500) };
        for await (const record of scanRecords(this.redis, this.keys.messages(target), range)) {
          // Edits, deletes and reactions are not messages to list (SQLite's directTo leaves them out too).
          if (record.toKey !== key || record.fromKey === key || isMessageEvent(record.message)) continue;
          found.push({ target, record });
          if (++taken >= limit) break;
        }
      }
      found.sort((a, b) => b.record.ts - a.record.ts);
      return found
        .slice(0, limit)
        .reverse()
        .map(({ target, record }) => ({ target, message: record.message }));
    });
  }

  prefs(accountKey: string): Promise<NotifyPrefs> {
    return storage(async () => decodePrefs(await this.redis.get(this.keys.prefs(accountKey))));
  }

  changePrefs(accountKey: string, change: (current: NotifyPrefs) => PrefsOutcome): Promise<PrefsOutcome> {
    const key = this.keys.prefs(accountKey);
    return storage(async () => {
      // Optimistic: read, compute, and write only if nobody wrote in between (else read again).
      for (let tries = 0; tries < CHANGE_TRIES; tries++) {
        const stored = await this.redis.get(key);
        const outcome = change(decodePrefs(stored));
        if (!outcome.ok) return outcome;
        const written = await REPLACE_IF.run(
          this.redis,
          [key],
          [stored ?? '', JSON.stringify(outcome.prefs)],
        );
        if (Number(written) === 1) return outcome;
      }
      return {
        ok: false,
        code: ErrorCode.StoreUnavailable,
        message: 'your preferences are being changed elsewhere at the same time; try again',
      };
    });
  }
}
