import type { Redis } from 'ioredis';
import type { RedisKeys } from '../cluster/keys.js';
import { LuaScript } from '../cluster/lua-script.js';
import { decodeRecord } from './redis-record.js';
import {
  matchesTerms,
  type SearchFound,
  type SearchPage,
  type SearchScope,
  type StoreSearch,
} from './search.js';

// The Redis search index, for plain Redis 6.2+ without modules: an inverted index per target. Each
// folded word of a message is a sorted set `sx:<target>:w:<word>` holding the message's seq scored
// by its document number (one counter for every target, so newest first is highest score first);
// the sender is one more set, `sx:<target>:f:<name>`; and `sx:<target>:dict` lists the target's
// words for prefix expansion. The append script writes them with the message, in one atomic step.
//
// Limits, by design: a prefix expands to at most PREFIX_WORDS words of the target's dictionary
// (the alphabetically first); phrases are checked against the text of each candidate, since sets
// keep no positions; and an intersection costs the size of its smallest set, per target searched.
// Retention leaves a pruned message's entries behind; searches skip them (the message is gone).

/** Words a prefix expands to, at most, per target. */
export const PREFIX_WORDS = 64;

/** The words and sender an append indexes, as the append script's arguments. */
export function indexArgs(
  keys: RedisKeys,
  target: string,
  tokens: readonly string[],
): [string, string, string] {
  return [searchBase(keys, target), keys.searchDocs, [...new Set(tokens)].join(' ')];
}

/** The key prefix of one target's index. */
export function searchBase(keys: RedisKeys, target: string): string {
  return `${keys.prefix}sx:${target}:`;
}

/**
 * Finds candidates in one target: intersects the terms' sets (a prefix term is first the union of
 * its words' sets) and returns `seq, doc` pairs below the cursor, highest document first.
 * ARGV: index base, cursor (`+inf` or `(doc`), count, prefix words, then kind and value per term
 * (`w` word, `p` prefix, `f` sender).
 */
const SEARCH = new LuaScript(String.raw`
local base = ARGV[1]
local sets, temps = {}, {}
for i = 5, #ARGV, 2 do
  local kind, value = ARGV[i], ARGV[i + 1]
  if kind == 'p' then
    local words = redis.call('ZRANGEBYLEX', base .. 'dict', '[' .. value, '[' .. value .. '\255', 'LIMIT', 0, tonumber(ARGV[4]))
    if #words == 0 then return {} end
    local union = base .. 'tmp:' .. i
    -- MAX keeps the document number as the score where a message has several of the words.
    local args = {union, #words}
    for _, word in ipairs(words) do args[#args + 1] = base .. 'w:' .. word end
    args[#args + 1] = 'AGGREGATE'
    args[#args + 1] = 'MAX'
    redis.call('ZUNIONSTORE', unpack(args))
    temps[#temps + 1] = union
    sets[#sets + 1] = union
  else
    sets[#sets + 1] = base .. kind .. ':' .. value
  end
end
local from = sets[1]
if #sets > 1 then
  from = base .. 'tmp:all'
  -- unpack only spreads in last place, so the whole call is built as one list.
  local args = {from, #sets}
  for _, key in ipairs(sets) do args[#args + 1] = key end
  args[#args + 1] = 'AGGREGATE'
  args[#args + 1] = 'MAX'
  redis.call('ZINTERSTORE', unpack(args))
  temps[#temps + 1] = from
end
local found = redis.call('ZREVRANGEBYSCORE', from, ARGV[2], '-inf', 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[3]))
for _, key in ipairs(temps) do redis.call('DEL', key) end
return found
`);

/** The script arguments of a search's terms and sender. */
function termArgs(query: StoreSearch): string[] {
  const args: string[] = [];
  for (const term of query.terms)
    term.tokens.forEach((token, i) => {
      args.push(term.prefix && i === term.tokens.length - 1 ? 'p' : 'w', token);
    });
  if (query.fromKey !== undefined) args.push('f', query.fromKey);
  return args;
}

/** Runs a search over every scope and merges the pages, newest first. */
export async function searchRedis(redis: Redis, keys: RedisKeys, query: StoreSearch): Promise<SearchPage> {
  const terms = termArgs(query);
  if (terms.length === 0) return { found: [], more: false };
  const pages = await Promise.all(
    query.scopes.map((scope) => searchTarget(redis, keys, query, scope, terms)),
  );
  const found = pages.flat().sort((a, b) => b.doc - a.doc);
  return { found: found.slice(0, query.limit), more: found.length > query.limit };
}

/** Up to `limit + 1` matches in one target, checked against the text and the filters. */
async function searchTarget(
  redis: Redis,
  keys: RedisKeys,
  query: StoreSearch,
  scope: SearchScope,
  terms: readonly string[],
): Promise<SearchFound[]> {
  const want = query.limit + 1;
  const batch = Math.max(want * 2, 20);
  const found: SearchFound[] = [];
  let cursor = query.cursor;
  for (;;) {
    const bound = cursor === undefined ? '+inf' : `(${cursor}`;
    const pairs = (await SEARCH.run(
      redis,
      [],
      [searchBase(keys, scope.target), bound, batch, PREFIX_WORDS, ...terms],
    )) as string[];
    if (pairs.length === 0) return found;
    const pipeline = redis.pipeline();
    for (let i = 0; i < pairs.length; i += 2)
      pipeline.zrangebyscore(keys.messages(scope.target), pairs[i]!, pairs[i]!);
    const records = (await pipeline.exec()) ?? [];
    for (let i = 0; i < records.length; i++) {
      const [error, members] = records[i]!;
      if (error) throw error;
      const member = (members as string[])[0];
      const doc = Number(pairs[i * 2 + 1]);
      cursor = doc;
      if (member === undefined) continue;
      const record = decodeRecord(member);
      if (!accepts(query, scope, record.ts, record.message.text)) continue;
      found.push({ target: scope.target, doc, message: record.message });
      if (found.length >= want) return found;
    }
    if (pairs.length < batch * 2) return found;
  }
}

function accepts(query: StoreSearch, scope: SearchScope, ts: number, text: string): boolean {
  if (query.before !== undefined && ts >= query.before) return false;
  if (query.after !== undefined && ts < query.after) return false;
  if (scope.notBefore !== undefined && ts < scope.notBefore) return false;
  return matchesTerms(text, query.terms);
}
