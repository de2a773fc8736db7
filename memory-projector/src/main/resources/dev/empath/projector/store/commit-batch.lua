-- Applies one partition's batch of writes and its next offset atomically, or nothing.
-- KEYS[1] offsets hash of the keyspace, KEYS[2] active-version pointer, KEYS[3..] written keys.
-- ARGV[1] offsets field (topic/partition), ARGV[2] expected stored next offset ('' = none),
-- ARGV[3] new next offset, ARGV[4] keyspace version, ARGV[5] mode ('live' | 'rebuild'),
-- ARGV[6] version assumed when the pointer is missing, ARGV[7..] operations:
--   S <key index> <value>                     SET
--   Z <key index> <cap> <n> <score> <member> ... (n pairs)
--                                             ZADD each, then keep the <cap> highest scores
--   G <key index> <cap> <n> <score> <member> ... as Z, with ZADD GT: a member's score only rises
--   I <key index> <field> <delta>             HINCRBY
-- Returns {status, detail}: ok | done (already applied: a retry after a lost reply) |
-- lost (offsets gone: Redis was flushed) | conflict (someone else moved the offset) |
-- switched (live writer, but another version is active now).
if ARGV[5] == 'live' then
  local active = redis.call('GET', KEYS[2]) or ARGV[6]
  if active ~= ARGV[4] then
    return {'switched', active}
  end
end
local stored = redis.call('HGET', KEYS[1], ARGV[1]) or ''
if stored ~= ARGV[2] then
  if stored == ARGV[3] then
    return {'done', stored}
  end
  if stored == '' then
    return {'lost', ''}
  end
  return {'conflict', stored}
end
local ZADD_CHUNK = 500
local i = 7
local n = #ARGV
while i <= n do
  local op = ARGV[i]
  if op == 'S' then
    redis.call('SET', KEYS[tonumber(ARGV[i + 1])], ARGV[i + 2])
    i = i + 3
  elseif op == 'Z' or op == 'G' then
    local key = KEYS[tonumber(ARGV[i + 1])]
    local cap = tonumber(ARGV[i + 2])
    local pairs = tonumber(ARGV[i + 3])
    local j = i + 4
    local last = j + 2 * pairs - 1
    -- One ZADD per chunk of pairs (ARGV holds them as score, member, ...): far fewer calls than
    -- one per member, the same result. Chunks stay well below Lua's limit on unpacked values.
    while j <= last do
      local upto = math.min(j + 2 * ZADD_CHUNK - 1, last)
      if op == 'G' then
        redis.call('ZADD', key, 'GT', unpack(ARGV, j, upto))
      else
        redis.call('ZADD', key, unpack(ARGV, j, upto))
      end
      j = upto + 1
    end
    redis.call('ZREMRANGEBYRANK', key, 0, -(cap + 1))
    i = j
  elseif op == 'I' then
    redis.call('HINCRBY', KEYS[tonumber(ARGV[i + 1])], ARGV[i + 2], ARGV[i + 3])
    i = i + 4
  else
    return redis.error_reply('unknown operation ' .. tostring(op))
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return {'ok', ARGV[3]}
