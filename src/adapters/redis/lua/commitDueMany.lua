--[[
  Ends several claims at once, each exactly as commitDue does: only while it still carries the caller's token,
  setting the job's next due instant or dropping it. One call instead of one per job; the jobs may lie in several due
  shards (on a Redis Cluster the caller sends one call per shard, as each shard has a slot of its own).

  Input:
    KEYS, per shard s in order, three keys:
      KEYS[3s - 2] due sorted set   (job id -> due instant, ms)
      KEYS[3s - 1] lease sorted set (job id -> lease deadline, ms)
      KEYS[3s]     claim hash       (job id -> "<token>|<dueAt>")

    ARGV[1] claim token
    then per shard s in order: the number of its jobs n, then n pairs: job id, next due instant (ms, or "" to drop)

  Output:
    one code per pair, in order: 1 committed, -1 not claimed with this token (nothing changed for that job)
]]
local rcall = redis.call
--- @include "commitClaim"
local results = {}
local a = 2
for s = 1, #KEYS, 3 do
  local n = tonumber(ARGV[a])
  for j = 1, n do
    local i = a + 2 * j - 1
    results[#results + 1] = commitClaim(KEYS[s], KEYS[s + 1], KEYS[s + 2], ARGV[i], ARGV[1], ARGV[i + 1])
  end
  a = a + 1 + 2 * n
end
return results
