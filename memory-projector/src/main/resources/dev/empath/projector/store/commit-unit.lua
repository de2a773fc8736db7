-- Redis Cluster: applies units of writes that all live in one hash slot. A unit is what one source
-- partition's records of a batch write to one entity group (a hash tag), with the group's own
-- watermark: the next offset of that partition the group has applied, in the group's hash
-- {tag}:applied. Each unit is checked and applied on its own, atomically with its watermark.
-- KEYS: the watermark hashes and the written keys, every one in the slot.
-- ARGV[1] number of units, then per unit:
--   <watermark key index> <field topic/partition> <from> <next> <n> followed by n operation
--   entries (apply-ops.lua). <from>: the group holds nothing at or past it; -1 = the beginning.
-- Returns one {status, stored} per unit: ok (applied, watermark now <next>) | done (the group has
-- applied every record up to <next> already) | partial (it has applied some: fold again from the
-- stored watermark).
local out = {}
local i = 2
for u = 1, tonumber(ARGV[1]) do
  local wm = KEYS[tonumber(ARGV[i])]
  local field = ARGV[i + 1]
  local from = tonumber(ARGV[i + 2])
  local next = tonumber(ARGV[i + 3])
  local last = i + 4 + tonumber(ARGV[i + 4])
  local stored = tonumber(redis.call('HGET', wm, field) or '-1')
  if stored >= next then
    out[u] = {'done', tostring(stored)}
  elseif stored > from then
    out[u] = {'partial', tostring(stored)}
  else
    local failed = apply_ops(i + 5, last)
    if failed then
      return failed
    end
    redis.call('HSET', wm, field, ARGV[i + 3])
    out[u] = {'ok', ARGV[i + 3]}
  end
  i = last + 1
end
return out
