import { LuaScript } from '../cluster/lua-script.js';

// Lua scripts of the Redis store. Each runs atomically on Redis, so the order in which appends run is
// the order of their seqs, of their storage, and of their publication, for every node at once.

/**
 * Appends one message. KEYS: seq, messages, cids, targets, then the direct-conversation sets of the
 * two people (DMs only). ARGV: cid field ('' without a cid), record header, frame head, frame tail,
 * target, fanout channel, broker channels ('' publishes nothing), then for search (see
 * redis-search.ts): the target's index key prefix ('' indexes nothing: a system notice), the
 * document counter, the words (possibly none) and the sender's canonical name.
 * Returns {1, seq} for a new message, or {0, stored member} for a retried cid.
 */
export const APPEND = new LuaScript(String.raw`
if ARGV[1] ~= '' then
  local known = redis.call('HGET', KEYS[3], ARGV[1])
  if known then
    local stored = redis.call('ZRANGE', KEYS[2], known, known, 'BYSCORE')
    if stored[1] then return {0, stored[1]} end
  end
end
local seq = redis.call('INCR', KEYS[1])
local frame = ARGV[3] .. seq .. ARGV[4]
redis.call('ZADD', KEYS[2], seq, ARGV[2] .. frame)
if ARGV[1] ~= '' then redis.call('HSET', KEYS[3], ARGV[1], seq) end
for i = 5, #KEYS do redis.call('SADD', KEYS[i], ARGV[5]) end
redis.call('SADD', KEYS[4], ARGV[5])
if ARGV[8] ~= '' then
  -- Every indexed message takes a document number and joins its sender's set, words or not, so
  -- from: finds a message of emoji or punctuation alone (as SQLite and the index build do).
  local doc = redis.call('INCR', ARGV[9])
  for word in string.gmatch(ARGV[10], '%S+') do
    redis.call('ZADD', ARGV[8] .. 'w:' .. word, doc, seq)
    redis.call('ZADD', ARGV[8] .. 'dict', 0, word)
  end
  redis.call('ZADD', ARGV[8] .. 'f:' .. ARGV[11], doc, seq)
end
if ARGV[7] ~= '' then
  redis.call('PUBLISH', ARGV[6], ARGV[7] .. '\n' .. ARGV[5] .. '\n' .. seq .. '\n' .. frame)
end
return {1, seq}
`);

/**
 * Stores an edit, delete or reaction of one message, if the message is still as it was read (the
 * lifecycle rules ruled on that state: else it returns {0} and the caller reads again). It takes the
 * next seq, stores the event, replaces the message's state (splicing the seq in as its `rev`), keeps
 * the message's edit seqs, on a delete swaps its edits for their blanked versions, updates the
 * search index (an edit re-indexes the new words under a new document; a delete leaves the index),
 * and publishes the event. KEYS: seq, messages, edits.
 * ARGV: 1 the message as read, 2 event header, 3 event frame head, 4 event frame tail, 5 new state
 * up to its rev, 6 the message's seq, 7 fanout channel, 8 broker channels ('' none), 9 target,
 * 10 index base, 11 document counter, 12 'edit' | 'delete' | 'reaction', 13 old words, 14 new
 * words, 15 sender's canonical name, then pairs of (edit event as stored, blanked).
 * Returns {1, seq}, or {0} when something changed since the read.
 */
export const CHANGE = new LuaScript(String.raw`
local about = tonumber(ARGV[6])
if redis.call('ZRANGE', KEYS[2], about, about, 'BYSCORE')[1] ~= ARGV[1] then return {0} end
for i = 16, #ARGV, 2 do
  if not redis.call('ZSCORE', KEYS[2], ARGV[i]) then return {0} end
end
local seq = redis.call('INCR', KEYS[1])
local frame = ARGV[3] .. seq .. ARGV[4]
redis.call('ZADD', KEYS[2], seq, ARGV[2] .. frame)
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[2], about, ARGV[5] .. seq .. '}')
for i = 16, #ARGV, 2 do
  local score = redis.call('ZSCORE', KEYS[2], ARGV[i])
  redis.call('ZREM', KEYS[2], ARGV[i])
  redis.call('ZADD', KEYS[2], score, ARGV[i + 1])
end
local mode, base = ARGV[12], ARGV[10]
if mode == 'edit' then
  local known = redis.call('HGET', KEYS[3], ARGV[6])
  redis.call('HSET', KEYS[3], ARGV[6], known and (known .. ' ' .. seq) or tostring(seq))
elseif mode == 'delete' then
  redis.call('HDEL', KEYS[3], ARGV[6])
end
if mode ~= 'reaction' then
  for word in string.gmatch(ARGV[13], '%S+') do
    local set = base .. 'w:' .. word
    redis.call('ZREM', set, ARGV[6])
    if redis.call('EXISTS', set) == 0 then redis.call('ZREM', base .. 'dict', word) end
  end
  redis.call('ZREM', base .. 'f:' .. ARGV[15], ARGV[6])
  if mode == 'edit' then
    local doc = redis.call('INCR', ARGV[11])
    for word in string.gmatch(ARGV[14], '%S+') do
      redis.call('ZADD', base .. 'w:' .. word, doc, ARGV[6])
      redis.call('ZADD', base .. 'dict', 0, word)
    end
    redis.call('ZADD', base .. 'f:' .. ARGV[15], doc, ARGV[6])
  end
end
if ARGV[8] ~= '' then
  redis.call('PUBLISH', ARGV[7], ARGV[8] .. '\n' .. ARGV[9] .. '\n' .. seq .. '\n' .. frame)
end
return {1, seq}
`);

/**
 * Applies retention to one target, removing at most ARGV[3] messages (the caller repeats while that
 * many went). KEYS: messages, cids. ARGV: cutoff ts ('' for none), messages kept ('' for no cap), most.
 * Age pruning walks from the oldest and stops at the first message young enough, so what remains is
 * always one contiguous run of seqs and `bounds` stays exact. Returns the removed members: their
 * words are tokenized in TypeScript, so the caller takes them out of the search index (UNINDEX).
 */
export const PRUNE = new LuaScript(String.raw`
local removed, most, dropped = 0, tonumber(ARGV[3]), {}
local function drop(member)
  local from, cid = string.match(member, '^([^\n]*)\n[^\n]*\n[^\n]*\n[^\n]*\n([^\n]*)\n')
  if cid ~= '' then redis.call('HDEL', KEYS[2], from .. '\n' .. cid) end
  redis.call('ZREM', KEYS[1], member)
  removed = removed + 1
  dropped[removed] = member
end
if ARGV[2] ~= '' then
  local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2]
  if last then
    local cut = tonumber(last) - tonumber(ARGV[2])
    for _, member in ipairs(redis.call('ZRANGE', KEYS[1], '-inf', cut, 'BYSCORE', 'LIMIT', 0, most)) do
      drop(member)
    end
  end
end
if ARGV[1] ~= '' then
  local cutoff = tonumber(ARGV[1])
  local done = false
  while not done and removed < most do
    local batch = redis.call('ZRANGE', KEYS[1], 0, 99)
    if #batch == 0 then break end
    for _, member in ipairs(batch) do
      local ts = tonumber(string.match(member, '^[^\n]*\n[^\n]*\n[^\n]*\n([^\n]*)\n'))
      if ts >= cutoff or removed >= most then done = true break end
      drop(member)
    end
  end
end
return dropped
`);

/**
 * Takes pruned messages out of one target's search index: each seq leaves its words' sets and its
 * sender's set, and a word whose set is now empty leaves the dictionary (so prefixes expand to live
 * words only). ARGV: index base, then per message its seq, sender's canonical name and words
 * (space-separated, possibly none).
 */
export const UNINDEX = new LuaScript(`
local base = ARGV[1]
for i = 2, #ARGV, 3 do
  local seq, sender, words = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  redis.call('ZREM', base .. 'f:' .. sender, seq)
  for word in string.gmatch(words, '%S+') do
    local set = base .. 'w:' .. word
    redis.call('ZREM', set, seq)
    if redis.call('EXISTS', set) == 0 then redis.call('ZREM', base .. 'dict', word) end
  end
end
return 0
`);

/**
 * Counts messages after a seq that others sent, system notices and people the reader ignores excluded,
 * without moving them to the node. Only the first ARGV[3] messages after the marker are inspected one
 * by one, so one script can never hold Redis for long; any beyond are counted whole (a few of the
 * reader's own, or ignored people's, may be among them). KEYS: messages. ARGV: after, reader's
 * canonical name, messages inspected at most, then the canonical names the reader ignores.
 */
export const UNREAD = new LuaScript(String.raw`
local count, seen, most, low = 0, 0, tonumber(ARGV[3]), '(' .. ARGV[1]
local ignored = {}
for i = 4, #ARGV do ignored[ARGV[i]] = true end
while seen < most do
  local batch = redis.call('ZRANGE', KEYS[1], low, '+inf', 'BYSCORE', 'LIMIT', 0, 500, 'WITHSCORES')
  for i = 1, #batch, 2 do
    local from, kind = string.match(batch[i], '^([^\n]*)\n[^\n]*\n([^\n]*)\n')
    if from ~= ARGV[2] and kind ~= 'system' and not ignored[from] then count = count + 1 end
  end
  seen = seen + #batch / 2
  if #batch < 1000 then return count end
  low = '(' .. batch[#batch]
end
return count + redis.call('ZCOUNT', KEYS[1], low, '+inf')
`);

/** Moves a read marker forward only; returns the marker now stored. KEYS: markers. ARGV: target, seq. */
export const MARK_READ = new LuaScript(`
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local seq = tonumber(ARGV[2])
if seq > current then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  return seq
end
return current
`);

/** Revokes one session if it still exists. KEYS: the session. */
export const REVOKE_ONE = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'revoked', '1') end
return 0
`);

/**
 * Revokes every session of an account but one, forgetting the ones that expired. KEYS: the account's
 * session set. ARGV: the session key prefix, the token hash to spare ('' for none).
 */
export const REVOKE_ALL = new LuaScript(`
for _, hash in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local key = ARGV[1] .. hash
  if hash == ARGV[2] then
  elseif redis.call('EXISTS', key) == 1 then redis.call('HSET', key, 'revoked', '1')
  else redis.call('SREM', KEYS[1], hash) end
end
return 0
`);

/**
 * Creates an account unless its key, or a name with the same look-alike skeleton, is registered.
 * KEYS: the account, the skeleton index. ARGV: account JSON, skeleton, account key. Returns 1 or 0.
 */
export const CREATE_ACCOUNT = new LuaScript(String.raw`
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
return 1
`);

/**
 * Deletes an account: its record, read markers, preferences and skeleton entry (if still its own);
 * revokes its sessions; holds its name. KEYS: the account, the skeleton index, its session set, its
 * read markers, its preferences, the name hold. ARGV: skeleton, account key, session key prefix,
 * held-until time, the hold's time to live in ms. Returns 1, or 0 when there is no such account.
 */
export const DELETE_ACCOUNT = new LuaScript(`
if redis.call('DEL', KEYS[1]) == 0 then return 0 end
redis.call('DEL', KEYS[4], KEYS[5])
if redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[2] then redis.call('HDEL', KEYS[2], ARGV[1]) end
for _, hash in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  local key = ARGV[3] .. hash
  if redis.call('EXISTS', key) == 1 then redis.call('HSET', key, 'revoked', '1') end
end
redis.call('SET', KEYS[6], ARGV[4], 'PX', ARGV[5])
return 1
`);

/** Deletes a hash field if it still holds a value. KEYS: the hash. ARGV: field, value. */
export const DELETE_IF = new LuaScript(String.raw`
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0
`);

/**
 * Replaces a string if it still holds what was read ('' for a key that did not exist): the
 * compare-and-set of a read-modify-write that another node may race. KEYS: the key. ARGV: the value
 * read, the new value. Returns 1 when written, 0 when the value had changed.
 */
export const REPLACE_IF = new LuaScript(`
if (redis.call('GET', KEYS[1]) or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`);
