--[[
  setDue for many jobs at once, each as setDue does: sets its due instant and drops any claim in flight (lease and
  claim), so a worker holding one cannot commit over it. The jobs may lie in several due shards (on a Redis Cluster
  the caller sends one call per shard, as each shard has a slot of its own). A shard's jobs go in three commands,
  not three per job.

  Input:
    KEYS, per shard s in order, three keys:
      KEYS[3s - 2] due sorted set   (job id -> due instant, ms)
      KEYS[3s - 1] lease sorted set (job id -> lease deadline, ms)
      KEYS[3s]     claim hash       (job id -> "<token>|<dueAt>")

    ARGV, per shard s in order: the number of its jobs n, then n pairs: job id, due instant (ms)

  Output:
    the number of jobs set
]]
local rcall = redis.call
-- Lua's unpack takes a bounded number of values: a shard's jobs go in slices of at most this many.
local SLICE = 1000
local a = 1
local total = 0
for s = 1, #KEYS, 3 do
  local n = tonumber(ARGV[a])
  for from = 1, n, SLICE do
    local to = math.min(n, from + SLICE - 1)
    local scored, ids = {}, {}
    for j = from, to do
      local i = a + 2 * j - 1
      scored[#scored + 1] = ARGV[i + 1]
      scored[#scored + 1] = ARGV[i]
      ids[#ids + 1] = ARGV[i]
    end
    rcall("ZADD", KEYS[s], unpack(scored))
    rcall("ZREM", KEYS[s + 1], unpack(ids))
    rcall("HDEL", KEYS[s + 2], unpack(ids))
  end
  total = total + n
  a = a + 1 + 2 * n
end
return total
