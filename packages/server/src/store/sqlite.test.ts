import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { ManualClock } from 'aurora-testkit';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sequentialIds } from '../ids.js';
import { decideChange } from '../messages/lifecycle.js';
import { accountContract } from '../testing/account-contract.js';
import { lifecycleContract } from '../testing/lifecycle-contract.js';
import { moderationContract } from '../testing/moderation-contract.js';
import { searchContract, storeSearch } from '../testing/search-contract.js';
import { storeContract } from '../testing/store-contract.js';
import { SCHEMA_VERSION } from './schema-version.js';
import { SqliteStore } from './sqlite.js';

describe('the SQLite store', () => {
  storeContract(async ({ clock, retention }) => new SqliteStore({ clock, retention, ids: sequentialIds() }));
  searchContract(async ({ clock, retention }) => new SqliteStore({ clock, retention, ids: sequentialIds() }));
  accountContract(async ({ clock }) => new SqliteStore({ clock, ids: sequentialIds() }));
  lifecycleContract(
    async ({ clock, retention }) => new SqliteStore({ clock, retention, ids: sequentialIds() }),
  );
});

describe('the SQLite moderation store', () => {
  moderationContract(
    async () => new SqliteStore({ clock: new ManualClock(), ids: sequentialIds() }).moderation,
  );
});

describe('the SQLite store on disk', () => {
  const message = {
    target: 'room:dev',
    kind: 'chat' as const,
    room: 'dev',
    from: 'alice',
    fromKey: 'alice',
    text: 'hi',
  };
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'aurora-sqlite-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps numbering a target after a restart, even when retention had emptied it', async () => {
    const clock = new ManualClock();
    const first = new SqliteStore({ clock, dataDir, retention: { maxAgeMs: 1000 } });
    for (let i = 0; i < 3; i++) await first.append(message);
    clock.advance(5000);
    await first.prune(clock.now());
    await first.close();
    const second = new SqliteStore({ clock, dataDir, retention: { maxAgeMs: 1000 } });
    expect(await second.bounds('room:dev')).toEqual({ first: 4, last: 3 });
    expect((await second.append(message)).message.seq).toBe(4);
    await second.close();
  });

  it('keeps numbering a target that retention emptied after a crash, before its seqs were recorded', async () => {
    const clock = new ManualClock();
    // No checkpoint within the test, and no close: the last seqs never reach the sequences table.
    const crashed = new SqliteStore({ clock, dataDir, checkpoint: { delayMs: 60_000 } });
    for (let i = 0; i < 3; i++) await crashed.append(message);
    const second = new SqliteStore({ clock, dataDir, retention: { maxAgeMs: 1000 } });
    clock.advance(5000);
    expect(await second.prune(clock.now())).toBe(3);
    await second.close();
    const third = new SqliteStore({ clock, dataDir });
    expect((await third.append(message)).message.seq).toBe(4);
    await third.close();
    await crashed.close();
  });

  it('records the last seqs in a commit of its own once a checkpoint copied the WAL', async () => {
    const store = new SqliteStore({ clock: new ManualClock(), dataDir, checkpoint: { delayMs: 1 } });
    for (let i = 0; i < 3; i++) await store.append(message);
    const reader = new Database(join(dataDir, 'aurora.db'), { readonly: true });
    const recorded = () => reader.prepare('SELECT target, last FROM sequences').all();
    // That commit starts the WAL over (and fsyncs its header) instead of the next message's.
    await expect.poll(recorded).toEqual([{ target: 'room:dev', last: 3 }]);
    reader.close();
    await store.close();
  });

  it('recognises a retried cid after a restart, also in a database made before the retry index moved', async () => {
    const clock = new ManualClock();
    // The schema as it was: the retry index ordered by sender, then cid.
    const old = new Database(join(dataDir, 'aurora.db'));
    old.exec(`CREATE TABLE messages (
      target TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL,
      room TEXT, to_nick TEXT, to_key TEXT, from_nick TEXT NOT NULL, from_key TEXT NOT NULL, text TEXT NOT NULL,
      ts INTEGER NOT NULL, cid TEXT, event TEXT, PRIMARY KEY (target, seq)) WITHOUT ROWID;
      CREATE UNIQUE INDEX messages_by_cid ON messages (from_key, cid) WHERE cid IS NOT NULL;
      INSERT INTO messages VALUES ('room:dev', 1, 'm_old', 'chat', 'dev', NULL, NULL, 'alice', 'alice', 'hi', 0, 'c1', NULL);`);
    old.close();

    const store = new SqliteStore({ clock, dataDir });
    const retried = await store.append({ ...message, cid: 'c1' });
    expect(retried).toMatchObject({ duplicate: true, message: { id: 'm_old', seq: 1 } });
    const fresh = await store.append({ ...message, cid: 'c2' });
    await store.close();

    const reopened = new SqliteStore({ clock, dataDir });
    expect(await reopened.append({ ...message, cid: 'c2' })).toMatchObject({
      duplicate: true,
      message: { id: fresh.message.id, seq: 2 },
    });
    expect((await reopened.page('room:dev', { limit: 10 })).messages.map((m) => m.cid)).toEqual(['c1', 'c2']);
    // The old table gained the columns that say a sender was registered, or a webhook.
    await reopened.append({ ...message, cid: 'c3', fromAccount: true });
    await reopened.append({ ...message, fromBot: true });
    const page = await reopened.page('room:dev', { limit: 10 });
    expect(page.messages.map((m) => m.account)).toEqual([undefined, undefined, true, undefined]);
    expect(page.messages.map((m) => m.bot)).toEqual([undefined, undefined, undefined, true]);
    await reopened.close();
  });

  it('builds the search index for a database from before search, once, logging its progress', async () => {
    const old = new Database(join(dataDir, 'aurora.db'));
    old.exec(`CREATE TABLE messages (
      target TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL,
      room TEXT, to_nick TEXT, to_key TEXT, from_nick TEXT NOT NULL, from_key TEXT NOT NULL, text TEXT NOT NULL,
      ts INTEGER NOT NULL, cid TEXT, event TEXT, from_account INTEGER, from_bot INTEGER,
      PRIMARY KEY (target, seq)) WITHOUT ROWID;`);
    const insert = old.prepare(
      "INSERT INTO messages VALUES (?, ?, ?, ?, 'dev', NULL, NULL, 'alice', 'alice', ?, ?, NULL, NULL, NULL, NULL)",
    );
    old.transaction(() => {
      for (let seq = 1; seq <= 12_000; seq++)
        insert.run(
          'room:dev',
          seq,
          `m${seq}`,
          seq === 1 ? 'system' : 'chat',
          `Message number ${seq} café`,
          seq,
        );
    })();
    old.pragma('user_version = 1');
    old.close();

    const logged: { message: string; fields: Record<string, unknown> | undefined }[] = [];
    const logger = {
      warn: () => {},
      info: (message: string, fields?: Record<string, unknown>) => logged.push({ message, fields }),
    };
    const store = new SqliteStore({ clock: new ManualClock(), dataDir, logger });
    expect(logged.map((line) => line.message)).toEqual([
      'building the search index',
      'search index progress',
      'search index progress',
      'search index progress',
      'search index built',
    ]);
    expect(logged.at(-1)?.fields).toEqual({ messages: 11_999 });
    const scope = [{ target: 'room:dev' }];
    const page = await store.search({ ...storeSearch('CAFE', scope), limit: 2 });
    expect(page.found.map((found) => found.message.seq)).toEqual([12_000, 11_999]);
    const appended = await store.append({ ...message, text: 'a new café' });
    const newest = await store.search({ ...storeSearch('cafe', scope), limit: 1 });
    expect(newest.found.map((found) => found.message.id)).toEqual([appended.message.id]);
    await store.close();

    logged.length = 0;
    const reopened = new SqliteStore({ clock: new ManualClock(), dataDir, logger });
    expect(logged).toEqual([]);
    await reopened.close();
    const check = new Database(join(dataDir, 'aurora.db'));
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('takes a version 2 database (from before notification preferences) and keeps preferences in it', async () => {
    const clock = new ManualClock();
    const first = new SqliteStore({ clock, dataDir });
    await first.accounts.markRead('uma', 'room:dev', 4);
    await first.close();
    const old = new Database(join(dataDir, 'aurora.db'));
    old.exec('DROP TABLE account_prefs');
    old.pragma('user_version = 2');
    old.close();

    const upgraded = new SqliteStore({ clock, dataDir });
    expect(await upgraded.accounts.readMarkers('uma')).toEqual(new Map([['room:dev', 4]]));
    await upgraded.accounts.changePrefs('uma', (current) => ({
      ok: true,
      prefs: { ...current, keywords: ['deploy'] },
    }));
    await upgraded.close();
    const reopened = new SqliteStore({ clock, dataDir });
    expect((await reopened.accounts.prefs('uma')).keywords).toEqual(['deploy']);
    await reopened.close();
    const check = new Database(join(dataDir, 'aurora.db'));
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('takes a version 3 database (from before edits and reactions): its messages can then be edited and deleted', async () => {
    const clock = new ManualClock();
    const first = new SqliteStore({ clock, dataDir });
    await first.append({ ...message, text: 'typo here' });
    await first.append({ ...message, text: 'gone soon' });
    await first.close();
    const old = new Database(join(dataDir, 'aurora.db'));
    old.exec('ALTER TABLE messages DROP COLUMN detail; ALTER TABLE messages DROP COLUMN about');
    old.pragma('user_version = 3');
    old.close();

    const upgraded = new SqliteStore({ clock, dataDir });
    const actor = { nick: 'alice', key: 'alice', account: false };
    const limits = { editWindowMs: 60_000, maxReactionsPerMessage: 20 };
    const place = { target: 'room:dev', room: 'dev' };
    const edit = { kind: 'edit', text: 'typo fixed' } as const;
    expect((await upgraded.change('room:dev', 1, decideChange(actor, place, 1, edit, limits))).ok).toBe(true);
    const remove = decideChange(actor, place, 2, { kind: 'delete' }, limits);
    expect((await upgraded.change('room:dev', 2, remove)).ok).toBe(true);
    await upgraded.close();
    const reopened = new SqliteStore({ clock, dataDir });
    const { messages } = await reopened.page('room:dev', { limit: 10 });
    expect(messages.map((m) => [m.kind, m.text, m.deleted])).toEqual([
      ['chat', 'typo fixed', undefined],
      ['chat', '', true],
      ['edit', 'typo fixed', undefined],
      ['delete', '', undefined],
    ]);
    const found = await reopened.search(storeSearch('from:alice', [{ target: 'room:dev' }]));
    expect(found.found.map((f) => f.message.seq)).toEqual([1]);
    await reopened.close();
    const check = new Database(join(dataDir, 'aurora.db'));
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('takes a version 5 database (from before room settings and invites), and keeps both after', async () => {
    const clock = new ManualClock();
    const first = new SqliteStore({ clock, dataDir });
    await first.moderation.createRoom('dev', 'alice');
    await first.close();
    const old = new Database(join(dataDir, 'aurora.db'));
    old.exec('DROP TABLE room_settings; DROP TABLE room_invites');
    old.pragma('user_version = 5');
    old.close();

    const upgraded = new SqliteStore({ clock, dataDir });
    expect(await upgraded.moderation.settings('dev')).toEqual({});
    await upgraded.moderation.changeSettings('dev', { inviteOnly: true });
    await upgraded.moderation.invite({ room: 'dev', key: 'bob', name: 'bob', by: 'alice', at: 1 }, 10);
    await upgraded.close();
    const reopened = new SqliteStore({ clock, dataDir });
    expect(await reopened.moderation.settings('dev')).toEqual({ inviteOnly: true });
    expect(await reopened.moderation.isInvited('dev', 'bob')).toBe(true);
    expect((await reopened.moderation.roles('dev')).get('alice')).toBe('owner');
    await reopened.close();
    const check = new Database(join(dataDir, 'aurora.db'));
    expect(check.pragma('user_version', { simple: true })).toBe(6);
    check.close();
  });

  it('stores without indexing while the search index is off, and indexes those messages when it is on again', async () => {
    const clock = new ManualClock();
    const scope = [{ target: 'room:dev' }];
    const first = new SqliteStore({ clock, dataDir });
    await first.append({ ...message, text: 'indexed before' });
    await first.close();

    const off = new SqliteStore({ clock, dataDir, searchIndex: false });
    clock.advance(1000);
    const stored = await off.append({ ...message, text: 'stored while off' });
    expect(stored.message.seq).toBe(2);
    expect(await off.search(storeSearch('stored', scope))).toEqual({ found: [], unavailable: true });
    await off.close();
    const check = new Database(join(dataDir, 'aurora.db'), { readonly: true });
    expect(check.prepare('SELECT COUNT(*) AS n FROM message_index').get()).toEqual({ n: 1 });
    check.close();

    const on = new SqliteStore({ clock, dataDir });
    clock.advance(1000);
    await on.append({ ...message, text: 'indexed after' });
    const all = await on.search({ ...storeSearch('indexed', scope) });
    expect(all.found.map((found) => found.message.text)).toEqual(['indexed after', 'indexed before']);
    const page = await on.search(storeSearch('stored off', scope));
    expect(page.found.map((found) => found.message.seq)).toEqual([2]);
    // Newest first still: the message stored while off sorts between the other two.
    const every = await on.search({ terms: [], fromKey: 'alice', scopes: scope, limit: 10 });
    expect(every.found.map((found) => found.message.seq)).toEqual([3, 2, 1]);
    await on.close();
  });

  it('checkpoints in its own commits again, and says so, when the checkpoint worker dies', async () => {
    const warnings: string[] = [];
    const store = new SqliteStore({
      clock: new ManualClock(),
      dataDir,
      logger: { warn: (message) => warnings.push(message) },
    });
    const worker = (store as unknown as { checkpointer: { worker: Worker } }).checkpointer.worker;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    await worker.terminate();
    await exited;
    expect(warnings).toEqual(['the checkpoint worker stopped: commits checkpoint the WAL themselves again']);
    let cid = 0;
    for (let round = 0; round < 4000; round++)
      await Promise.all(
        Array.from({ length: 4 }, () =>
          store.append({ ...message, text: 'x'.repeat(500), cid: `c${cid++}` }),
        ),
      );
    // SQLite's own checkpoints keep the WAL near 1,000 pages; with none it would hold about 140 MB.
    expect(statSync(join(dataDir, 'aurora.db-wal')).size).toBeLessThan(16 * 1024 * 1024);
    await store.close();
  });

  it('copies a trickle of commits in one checkpoint, and a flood within the busy delay', async () => {
    const clock = new ManualClock();
    const store = new SqliteStore({
      clock,
      dataDir,
      checkpoint: { delayMs: 60_000, busyRows: 20, busyDelayMs: 1 },
    });
    const checkpoints = () =>
      (store as unknown as { checkpointer: { completed: number } }).checkpointer.completed;
    for (let i = 0; i < 10; i++) await store.append({ ...message, cid: `t${i}` });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Ten commits of one row: they wait for the (here one-minute) delay.
    expect(checkpoints()).toBe(0);
    for (let i = 0; i < 10; i++) await store.append({ ...message, cid: `f${i}` });
    // Twenty rows waiting: the busy delay applies, to the timer already set too.
    await expect.poll(checkpoints).toBe(1);
    await store.close();
  });

  it('checkpoints the WAL while messages keep coming, so it starts over instead of growing', async () => {
    const clock = new ManualClock();
    const store = new SqliteStore({ clock, dataDir, checkpoint: { delayMs: 1, catchUpFrames: 64 } });
    const walSize = () => statSync(join(dataDir, 'aurora.db-wal')).size;
    let cid = 0;
    // Commit after commit with no pause: the checkpointing worker never finds the writer idle.
    for (let round = 0; round < 4000; round++)
      await Promise.all(
        Array.from({ length: 4 }, () =>
          store.append({ ...message, text: 'x'.repeat(500), cid: `c${cid++}` }),
        ),
      );
    // Never started over, the WAL would hold every page written: about 140 MB (34,000 frames).
    expect(walSize()).toBeLessThan(40 * 1024 * 1024);
    await store.close();
    const reopened = new SqliteStore({ clock, dataDir });
    expect(await reopened.bounds('room:dev')).toEqual({ first: 1, last: 16_000 });
    await reopened.close();
  });
});
