import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RedisKeys } from '../cluster/keys.js';
import { LuaScript } from '../cluster/lua-script.js';
import { decodeRecord } from './redis-record.js';
import {
  matchesTerms,
  PREFIX_WORDS,
  type SearchFound,
  type SearchPage,
  type SearchScope,
  type StoreSearch,
  searchPrefixes,
} from './search.js';

// The Redis search index, for plain Redis 6.2+ without modules: an inverted index per target. Each
// folded word of a message is a sorted set `sx:<target>:w:<word>` holding the message's seq scored
// by its document number (one counter for every target, so newest first is highest score first);
// the sender is one more set, `sx:<target>:f:<name>`; and `sx:<target>:dict` lists the target's
// words for prefix expansion. The append script writes them with the message, in one atomic step.
//
// Limits, by design: a prefix that matches more than PREFIX_WORDS words in the targets searched is
// refused (`tooCommon`), as SQLite refuses it; phrases are checked against the text of each
// candidate, since sets keep no positions; and an intersection costs the size of its smallest set, per target searched.
// A page examines at most SEARCH_BUDGET candidates per target (see there).

/**
 * What an append indexes, as the append script's arguments: the index base, the document counter
 * and the words. `tokens` undefined indexes nothing (system notices); empty indexes the sender only.
 */
export function indexArgs(
  keys: RedisKeys,
  target: string,
  tokens: readonly string[] | undefined,
): [string, string, string] {
  if (tokens === undefined) return ['', keys.searchDocs, ''];
  return [searchBase(keys, target), keys.searchDocs, [...new Set(tokens)].join(' ')];
}

/** The key prefix of one target's index. */
export function searchBase(keys: RedisKeys, target: string): string {
  return `${keys.prefix}sx:${target}:`;
}

/**
 * Candidates examined per target per page, at most. A query whose filters or phrase check reject
 * nearly every candidate (`after:2099-01-01 the`) would otherwise walk the target's whole history
 * while Redis serves every node of the cluster; past the budget the page ends early with `next` at
 * the last candidate examined, and the client pages on.
 */
export const SEARCH_BUDGET = 2000;

/**
 * Finds candidates in one target: intersects the terms' sets (a prefix term is first the union of
 * its words' sets) and returns up to `budget` `seq, doc` pairs below the cursor, highest document
 * first. The intersection is built once per page and target, here, and deleted before returning.
 * ARGV: index base, cursor (`+inf` or `(doc`), budget, prefix words, temp key suffix (unique per
 * call), then kind and value per term (`w` word, `p` prefix, `f` sender).
 */
const SEARCH = new LuaScript(String.raw`
local base, temp = ARGV[1], ARGV[1] .. 'tmp:' .. ARGV[5] .. ':'
local sets, temps = {}, {}
local function cleanup() for _, key in ipairs(temps) do redis.call('DEL', key) end end
for i = 6, #ARGV, 2 do
  local kind, value = ARGV[i], ARGV[i + 1]
  if kind == 'p' then
    local words = redis.call('ZRANGEBYLEX', base .. 'dict', '[' .. value, '[' .. value .. '\255', 'LIMIT', 0, tonumber(ARGV[4]))
    if #words == 0 then cleanup() return {} end
    local union = temp .. i
    -- MAX keeps the document number as the score where a message has several of the words.
    local args = {union, #words}
    for _, word in ipairs(words) do args[#args + 1] = base .. 'w:' .. word end
    args[#args + 1] = 'AGGREGATE'
    args[#args + 1] = 'MAX'
    redis.call('ZUNIONSTORE', unpack(args))
    -- Deleted below; the expiry only cleans up should the script fail half-way.
    redis.call('PEXPIRE', union, 10000)
    temps[#temps + 1] = union
    sets[#sets + 1] = union
  else
    sets[#sets + 1] = base .. kind .. ':' .. value
  end
end
local from = sets[1]
if #sets > 1 then
  from = temp .. 'all'
  -- unpack only spreads in last place, so the whole call is built as one list.
  local args = {from, #sets}
  for _, key in ipairs(sets) do args[#args + 1] = key end
  args[#args + 1] = 'AGGREGATE'
  args[#args + 1] = 'MAX'
  redis.call('ZINTERSTORE', unpack(args))
  redis.call('PEXPIRE', from, 10000)
  temps[#temps + 1] = from
end
local found = redis.call('ZREVRANGEBYSCORE', from, ARGV[2], '-inf', 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[3]))
cleanup()
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

/** What one target's walk found, and the lowest document below which it knows nothing (0: all). */
interface TargetPage {
  readonly found: SearchFound[];
  readonly knownTo: number;
}

/**
 * Runs a search over every scope and merges the pages, newest first. Each target is complete from
 * its `knownTo` up, so the page holds what lies at or above the highest `knownTo`; when a budget cut
 * a target short, the page may be short and `next` says where to go on.
 */
export async function searchRedis(
  redis: Redis,
  keys: RedisKeys,
  query: StoreSearch,
  budget = SEARCH_BUDGET,
): Promise<SearchPage> {
  const terms = termArgs(query);
  if (terms.length === 0) return { found: [] };
  for (const prefix of searchPrefixes(query))
    if (await prefixTooCommon(redis, keys, prefix, query.scopes)) return { found: [], tooCommon: prefix };
  const pages = await Promise.all(
    query.scopes.map((scope) => searchTarget(redis, keys, query, scope, terms, budget)),
  );
  const knownTo = Math.max(0, ...pages.map((page) => page.knownTo));
  const found = pages
    .flatMap((page) => page.found)
    .filter((match) => match.doc >= knownTo)
    .sort((a, b) => b.doc - a.doc);
  if (found.length > query.limit) {
    const page = found.slice(0, query.limit);
    return { found: page, next: page.at(-1)!.doc };
  }
  return knownTo > 0 ? { found, next: knownTo } : { found };
}

/** Up to `limit + 1` matches in one target, checked against the text and the filters. */
async function searchTarget(
  redis: Redis,
  keys: RedisKeys,
  query: StoreSearch,
  scope: SearchScope,
  terms: readonly string[],
  budget: number,
): Promise<TargetPage> {
  const want = query.limit + 1;
  const bound = query.cursor === undefined ? '+inf' : `(${query.cursor}`;
  const pairs = (await SEARCH.run(
    redis,
    [],
    [searchBase(keys, scope.target), bound, budget, PREFIX_WORDS, randomUUID(), ...terms],
  )) as string[];
  const batch = Math.max(want * 2, 20) * 2;
  const found: SearchFound[] = [];
  for (let start = 0; start < pairs.length; start += batch) {
    const slice = pairs.slice(start, start + batch);
    const pipeline = redis.pipeline();
    for (let i = 0; i < slice.length; i += 2)
      pipeline.zrangebyscore(keys.messages(scope.target), slice[i]!, slice[i]!);
    const records = (await pipeline.exec()) ?? [];
    for (let i = 0; i < records.length; i++) {
      const [error, members] = records[i]!;
      if (error) throw error;
      const member = (members as string[])[0];
      if (member === undefined) continue;
      const doc = Number(slice[i * 2 + 1]);
      const record = decodeRecord(member);
      if (query.exceptFromKeys?.includes(record.fromKey)) continue;
      if (!accepts(query, scope, record.ts, record.message.text)) continue;
      found.push({ target: scope.target, doc, message: record.message });
      if (found.length >= want) return { found, knownTo: doc };
    }
  }
  // Every candidate was examined; when the budget cut the list, nothing below the last is known.
  const cut = pairs.length >= budget * 2;
  return { found, knownTo: cut ? Number(pairs.at(-1)) : 0 };
}

/** True when a prefix matches more than PREFIX_WORDS distinct words in the targets' dictionaries. */
async function prefixTooCommon(
  redis: Redis,
  keys: RedisKeys,
  prefix: string,
  scopes: readonly SearchScope[],
): Promise<boolean> {
  // Byte 0xFF ends the range: no UTF-8 word has it, so every word that starts with the prefix sorts below.
  const end = Buffer.concat([Buffer.from(`[${prefix}`), Buffer.from([0xff])]);
  const pipeline = redis.pipeline();
  for (const scope of scopes)
    pipeline.zrangebylex(
      `${searchBase(keys, scope.target)}dict`,
      `[${prefix}`,
      end,
      'LIMIT',
      0,
      PREFIX_WORDS + 1,
    );
  const words = new Set<string>();
  for (const [error, found] of (await pipeline.exec()) ?? []) {
    if (error) throw error;
    for (const word of found as string[]) words.add(word);
  }
  return words.size > PREFIX_WORDS;
}

function accepts(query: StoreSearch, scope: SearchScope, ts: number, text: string): boolean {
  if (query.before !== undefined && ts >= query.before) return false;
  if (query.after !== undefined && ts < query.after) return false;
  if (scope.notBefore !== undefined && ts < scope.notBefore) return false;
  return matchesTerms(text, query.terms);
}
