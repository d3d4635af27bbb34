import { LuaScript } from '../cluster/lua-script.js';

// Lua scripts of the Redis directory. Every script gets ARGV[1] = key prefix and ARGV[2] = owner
// (`node:session`) or node id, and builds its keys from them: the directory runs on one Redis server,
// not Redis Cluster. An owner counts only while its node's heartbeat key exists; owners of dead nodes
// are dropped lazily here and for good by the reaper (REAP).

const PRELUDE = `
local P = ARGV[1]
local live = {}
local function nodeOf(owner) return string.match(owner, '^([^:]*):') end
local function alive(owner)
  local node = nodeOf(owner)
  if live[node] == nil then live[node] = redis.call('EXISTS', P .. 'node:' .. node) == 1 end
  return live[node]
end
local function dropDead(set)
  for _, owner in ipairs(redis.call('SMEMBERS', set)) do
    if not alive(owner) then redis.call('SREM', set, owner) end
  end
  return redis.call('SCARD', set)
end
local function nodeOwns(set, node)
  for _, owner in ipairs(redis.call('SMEMBERS', set)) do
    if nodeOf(owner) == node then return true end
  end
  return false
end
local function nameKeys(name) return P .. 'name:' .. name, P .. 'name-owners:' .. name end
local function memberKeys(room, key) return P .. 'members:' .. room, P .. 'owners:' .. room .. ':' .. key end
local function removePerson(room, key)
  local members, owners = memberKeys(room, key)
  redis.call('DEL', owners)
  redis.call('HDEL', members, key)
  if redis.call('HLEN', members) == 0 then redis.call('SREM', P .. 'rooms', room) end
end
`;

function script(body: string): LuaScript {
  return new LuaScript(PRELUDE + body);
}

/** ARGV: prefix, owner, name, nick, shared ('1'/'0'). Returns 1 when claimed. */
export const CLAIM = script(`
local owner, node = ARGV[2], nodeOf(ARGV[2])
local claim, owners = nameKeys(ARGV[3])
local others = false
for _, other in ipairs(redis.call('SMEMBERS', owners)) do
  if other ~= owner then
    if alive(other) then others = true else redis.call('SREM', owners, other) end
  end
end
if others and not (ARGV[5] == '1' and redis.call('HGET', claim, 'shared') == '1') then return 0 end
redis.call('SADD', owners, owner)
redis.call('HSET', claim, 'nick', ARGV[4], 'shared', ARGV[5])
redis.call('SADD', P .. 'node-names:' .. node, ARGV[3])
return 1
`);

/** ARGV: prefix, owner, name. */
export const RELEASE = script(`
local owner, node = ARGV[2], nodeOf(ARGV[2])
local claim, owners = nameKeys(ARGV[3])
redis.call('SREM', owners, owner)
if not nodeOwns(owners, node) then redis.call('SREM', P .. 'node-names:' .. node, ARGV[3]) end
if dropDead(owners) == 0 then redis.call('DEL', claim, owners) end
return 0
`);

/** ARGV: prefix, '', name. Returns the nick while a live connection holds the name. */
export const ONLINE_NICK = script(`
local claim, owners = nameKeys(ARGV[3])
if dropDead(owners) == 0 then
  redis.call('DEL', claim, owners)
  return false
end
return redis.call('HGET', claim, 'nick')
`);

/** ARGV: prefix, owner, room, name, member JSON. Returns 1 when the person was not in the room. */
export const ADD_MEMBER = script(`
local owner, room, key = ARGV[2], ARGV[3], ARGV[4]
local members, owners = memberKeys(room, key)
local existed = redis.call('HEXISTS', members, key) == 1
redis.call('SADD', owners, owner)
if not existed then redis.call('HSET', members, key, ARGV[5]) end
redis.call('SADD', P .. 'rooms', room)
redis.call('SADD', P .. 'node-rooms:' .. nodeOf(owner), room .. ' ' .. key)
if existed then return 0 end
return 1
`);

/** ARGV: prefix, owner, room, name. Returns 1 when the person's last live connection left. */
export const REMOVE_MEMBER = script(`
local owner, room, key = ARGV[2], ARGV[3], ARGV[4]
local node = nodeOf(owner)
local members, owners = memberKeys(room, key)
if redis.call('SREM', owners, owner) == 0 then return 0 end
if not nodeOwns(owners, node) then redis.call('SREM', P .. 'node-rooms:' .. node, room .. ' ' .. key) end
if dropDead(owners) > 0 then return 0 end
removePerson(room, key)
return 1
`);

/** ARGV: prefix, '', room, previous name, name, member JSON. Re-keys the entry on a rename. */
export const UPDATE_MEMBER = script(`
local room, previous, key = ARGV[3], ARGV[4], ARGV[5]
local members, from = memberKeys(room, previous)
if redis.call('HEXISTS', members, previous) == 0 then return 0 end
redis.call('HDEL', members, previous)
redis.call('HSET', members, key, ARGV[6])
if previous ~= key then
  local _, to = memberKeys(room, key)
  for _, owner in ipairs(redis.call('SMEMBERS', from)) do
    local index = P .. 'node-rooms:' .. nodeOf(owner)
    redis.call('SREM', index, room .. ' ' .. previous)
    redis.call('SADD', index, room .. ' ' .. key)
  end
  if redis.call('EXISTS', from) == 1 then redis.call('RENAME', from, to) end
end
return 1
`);

/**
 * ARGV: prefix, dead node id. Once the node's heartbeat is gone, drops everything it owned in one
 * atomic step (so exactly one live node reaps it) and returns {room, name, member JSON, ...} for every
 * person whose last connection was on it: they left those rooms.
 */
export const REAP = script(`
local node = ARGV[2]
if redis.call('EXISTS', P .. 'node:' .. node) == 1 then return {} end
for _, name in ipairs(redis.call('SMEMBERS', P .. 'node-names:' .. node)) do
  local claim, owners = nameKeys(name)
  if dropDead(owners) == 0 then redis.call('DEL', claim, owners) end
end
local left = {}
for _, entry in ipairs(redis.call('SMEMBERS', P .. 'node-rooms:' .. node)) do
  local room, key = string.match(entry, '^(%S+) (%S+)$')
  local members, owners = memberKeys(room, key)
  if nodeOwns(owners, node) and dropDead(owners) == 0 then
    local member = redis.call('HGET', members, key)
    removePerson(room, key)
    if member then
      left[#left + 1] = room
      left[#left + 1] = key
      left[#left + 1] = member
    end
  end
end
redis.call('DEL', P .. 'node-names:' .. node, P .. 'node-rooms:' .. node)
redis.call('SREM', P .. 'nodes', node)
return left
`);
