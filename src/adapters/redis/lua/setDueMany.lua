--[[
  setDue for many jobs at once, each as setDue does: sets its due instant and drops any claim in flight (lease and
  claim), so a worker holding one cannot commit over it. The jobs may lie in several due shards (on a Redis Cluster
  the caller sends one call per shard, as each shard has a slot of its own). A shard's jobs go in three commands,
  not three per job, and come packed in one argument: one long argument costs Redis and the client far less than two
  per job. Each job is "<due instant> <id length in bytes> <id>", back to back, so an id may hold any byte.

  Input:
    KEYS, per shard s in order, three keys:
      KEYS[3s - 2] due sorted set   (job id -> due instant, ms)
      KEYS[3s - 1] lease sorted set (job id -> lease deadline, ms)
      KEYS[3s]     claim hash       (job id -> "<token>|<dueAt>")

    ARGV, per shard s in order, two arguments:
      ARGV[2s - 1] the number of its jobs n
      ARGV[2s]     its n jobs, packed as above

  Output:
    the number of jobs set
]]
local rcall = redis.call
-- Lua's unpack takes a bounded number of values: a shard's jobs go in slices of at most this many.
local SLICE = 1000
local total = 0
local a = 1
for s = 1, #KEYS, 3 do
  local n = tonumber(ARGV[a])
  local packed = ARGV[a + 1]
  local at = 1
  local done = 0
  while done < n do
    local scored, ids = {}, {}
    local to = math.min(n, done + SLICE)
    for _ = done + 1, to do
      local afterDue = string.find(packed, " ", at, true)
      local afterLength = string.find(packed, " ", afterDue + 1, true)
      local length = tonumber(string.sub(packed, afterDue + 1, afterLength - 1))
      local id = string.sub(packed, afterLength + 1, afterLength + length)
      scored[#scored + 1] = string.sub(packed, at, afterDue - 1)
      scored[#scored + 1] = id
      ids[#ids + 1] = id
      at = afterLength + length + 1
    end
    rcall("ZADD", KEYS[s], unpack(scored))
    rcall("ZREM", KEYS[s + 1], unpack(ids))
    rcall("HDEL", KEYS[s + 2], unpack(ids))
    done = to
  end
  total = total + n
  a = a + 2
end
return total
