-- Applies one partition's batch of writes and its next offset atomically, or nothing (one node).
-- KEYS[1] offsets hash of the keyspace, KEYS[2] active-version pointer, KEYS[3..] written keys.
-- ARGV[1] offsets field (topic/partition), ARGV[2] expected stored next offset ('' = none),
-- ARGV[3] new next offset, ARGV[4] keyspace version, ARGV[5] mode ('live' | 'rebuild'),
-- ARGV[6] version assumed when the pointer is missing, ARGV[7..] operations (apply-ops.lua).
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
local failed = apply_ops(7, #ARGV)
if failed then
  return failed
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return {'ok', ARGV[3]}
