--[[
  Moves the lease deadline of several claims at once, each on its own and only while its claim still carries the
  caller's token (a claim that was reaped, committed or rescheduled meanwhile is left alone). A worker whose sends wait
  their turn at the rate limiter keeps its claims this way, so no other instance takes them while they are queued.
  On a Redis Cluster the caller sends one call per shard.

  Input:
    KEYS, per shard s in order, two keys:
      KEYS[2s - 1] lease sorted set (job id -> lease deadline, ms)
      KEYS[2s]     claim hash       (job id -> "<token>|<dueAt>")

    ARGV[1] claim token
    ARGV[2] new lease deadline, ms
    then per shard s in order: the number of its jobs n, then n job ids

  Output:
    one value per job id, in order: 1 extended, 0 not claimed with this token (nothing changed)
]]
local rcall = redis.call
local results = {}
local a = 3
for s = 1, #KEYS, 2 do
  local n = tonumber(ARGV[a])
  for j = 1, n do
    local id = ARGV[a + j]
    local held = rcall("HGET", KEYS[s + 1], id)
    if held and string.match(held, "^(.*)|[^|]*$") == ARGV[1] then
      rcall("ZADD", KEYS[s], "XX", ARGV[2], id)
      results[#results + 1] = 1
    else
      results[#results + 1] = 0
    end
  end
  a = a + 1 + n
end
return results
