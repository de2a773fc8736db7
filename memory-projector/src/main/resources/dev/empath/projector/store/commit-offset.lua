-- Redis Cluster: moves one source partition's resume offset once every unit of its batch has been
-- applied (commit-unit.lua). Only the projector's next start depends on it: the groups' own
-- watermarks keep records from being applied twice.
-- KEYS[1] offsets hash of the keyspace. ARGV[1] field (topic/partition), ARGV[2] expected stored
-- offset ('' = none), ARGV[3] new offset.
-- Returns {status, detail}: ok | done | lost (offsets gone) | conflict (moved by another writer,
-- or behind after a failover lost it).
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
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return {'ok', ARGV[3]}
