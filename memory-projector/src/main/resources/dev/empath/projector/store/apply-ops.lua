-- Shared by the commit scripts: applies the operations in ARGV[i..last] to KEYS and returns.
--   S <key index> <value>                     SET
--   Z <key index> <cap> <n> <score> <member> ... (n pairs)
--                                             ZADD each, then keep the <cap> highest scores
--   G <key index> <cap> <n> <score> <member> ... as Z, with ZADD GT: a member's score only rises
--   I <key index> <field> <delta>             HINCRBY
local ZADD_CHUNK = 500
local function apply_ops(i, last)
  while i <= last do
    local op = ARGV[i]
    if op == 'S' then
      redis.call('SET', KEYS[tonumber(ARGV[i + 1])], ARGV[i + 2])
      i = i + 3
    elseif op == 'Z' or op == 'G' then
      local key = KEYS[tonumber(ARGV[i + 1])]
      local cap = tonumber(ARGV[i + 2])
      local pairs = tonumber(ARGV[i + 3])
      local j = i + 4
      local upto_all = j + 2 * pairs - 1
      -- One ZADD per chunk of pairs (ARGV holds them as score, member, ...): far fewer calls than
      -- one per member, the same result. Chunks stay well below Lua's limit on unpacked values.
      while j <= upto_all do
        local upto = math.min(j + 2 * ZADD_CHUNK - 1, upto_all)
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
  return nil
end
