import { indexTokens } from 'aurora-protocol';
import type { Redis } from 'ioredis';
import type { RedisKeys } from '../cluster/keys.js';
import { LuaScript } from '../cluster/lua-script.js';
import type { Logger } from '../logger.js';
import { decodeRecord, type StoredRecord } from './redis-record.js';
import { searchBase } from './redis-search.js';
import { isIndexed } from './search.js';

// Builds the search index for history stored before search existed (a cluster upgraded from an
// older Aurora). The first node to start claims it: in one script it counts the stored messages,
// moves the document counter past them (live appends then number above the history), and notes
// each target's last seq. The history is then walked oldest first across targets (a merge by
// time, as SQLite's build orders by ts) and numbered from the counter's old value up. Any node that
// finds it unfinished (the builder died) takes the lock and walks again: numbering is
// deterministic and ZADD idempotent, so a second walk repeats the first.

/** KEYS: built marker, doc counter, targets, upto hash. ARGV: message key prefix, seq key prefix. */
const CLAIM = new LuaScript(`
local marker = redis.call('GET', KEYS[1])
if marker then return marker end
local total = 0
for _, target in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  total = total + redis.call('ZCARD', ARGV[1] .. target)
  local seq = redis.call('GET', ARGV[2] .. target)
  if seq then redis.call('HSET', KEYS[4], target, seq) end
end
if total == 0 then
  redis.call('SET', KEYS[1], 'done')
  return 'done'
end
local base = tonumber(redis.call('GET', KEYS[2]) or '0')
redis.call('SET', KEYS[2], base + total)
marker = 'building:' .. base
redis.call('SET', KEYS[1], marker)
return marker
`);

/** Messages read per target per round trip, and written per pipeline. */
const BATCH = 500;
/** How long the builder's lock lasts unless renewed (each batch renews it). */
const LOCK_MS = 60_000;

/** Where one target's walk stands. */
interface Walk {
  readonly target: string;
  readonly upTo: number;
  after: number;
  buffer: StoredRecord[];
  done: boolean;
}

/**
 * Builds the index of the history from before search, once per Redis, logging progress; resolves
 * when it is built (or another node is building it). Searches meanwhile find what is indexed so far.
 */
export async function buildRedisSearchIndex(
  redis: Redis,
  keys: RedisKeys,
  owner: string,
  logger: Pick<Logger, 'info'>,
  /** Messages between progress lines (a multiple of the batch, 500). */
  progressEvery = 10_000,
): Promise<void> {
  const marker = String(
    await CLAIM.run(
      redis,
      [keys.searchBuilt, keys.searchDocs, keys.targets, keys.searchBuildUpTo],
      [keys.messages(''), keys.seq('')],
    ),
  );
  if (marker === 'done') return;
  if ((await redis.set(keys.searchBuildLock, owner, 'PX', LOCK_MS, 'NX')) !== 'OK') return;
  const base = Number(marker.slice('building:'.length));
  const upTo = await redis.hgetall(keys.searchBuildUpTo);
  const walks: Walk[] = Object.entries(upTo)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([target, seq]) => ({ target, upTo: Number(seq), after: 0, buffer: [], done: false }));
  logger.info('building the search index', { targets: walks.length });
  let doc = base;
  let pipeline = redis.pipeline();
  for (;;) {
    const next = await oldest(redis, keys, walks);
    if (!next) break;
    const { walk, record } = next;
    doc++;
    if (isIndexed(record.kind) && !record.message.deleted) {
      const prefix = searchBase(keys, walk.target);
      const seq = record.message.seq;
      for (const word of new Set(indexTokens(record.message.text))) {
        pipeline.zadd(`${prefix}w:${word}`, doc, seq);
        pipeline.zadd(`${prefix}dict`, 0, word);
      }
      pipeline.zadd(`${prefix}f:${record.fromKey}`, doc, seq);
    }
    if ((doc - base) % BATCH === 0) {
      pipeline.pexpire(keys.searchBuildLock, LOCK_MS);
      await pipeline.exec();
      pipeline = redis.pipeline();
      if ((doc - base) % progressEvery === 0) logger.info('search index progress', { indexed: doc - base });
    }
  }
  pipeline.set(keys.searchBuilt, 'done').del(keys.searchBuildUpTo, keys.searchBuildLock);
  await pipeline.exec();
  logger.info('search index built', { messages: doc - base });
}

/** Takes the oldest unwalked message of every target (by time, then target, then seq). */
async function oldest(
  redis: Redis,
  keys: RedisKeys,
  walks: Walk[],
): Promise<{ walk: Walk; record: StoredRecord } | undefined> {
  let best: Walk | undefined;
  for (const walk of walks) {
    if (walk.buffer.length === 0 && !walk.done) await refill(redis, keys, walk);
    const head = walk.buffer[0];
    if (head && (!best || head.ts < best.buffer[0]!.ts)) best = walk;
  }
  const record = best?.buffer.shift();
  return best && record ? { walk: best, record } : undefined;
}

async function refill(redis: Redis, keys: RedisKeys, walk: Walk): Promise<void> {
  const members = await redis.zrangebyscore(
    keys.messages(walk.target),
    `(${walk.after}`,
    walk.upTo,
    'LIMIT',
    0,
    BATCH,
  );
  walk.buffer = members.map(decodeRecord);
  const last = walk.buffer.at(-1);
  if (last) walk.after = last.message.seq;
  if (members.length < BATCH) walk.done = true;
}
