--[[
  Claims up to ARGV[2] jobs of one due shard whose due instant is at or before ARGV[1]: each moves from the due set
  to in-flight, with a lease deadline and the caller's claim token. Claims are exclusive: a claimed job has left the
  due set, so no other caller can take it until it is committed or reaped.

  Input:
    KEYS[1] due sorted set   (job id -> due instant, ms)
    KEYS[2] lease sorted set (job id -> lease deadline, ms)
    KEYS[3] claim hash       (job id -> "<token>|<dueAt>")

    ARGV[1] now, ms
    ARGV[2] most jobs to claim
    ARGV[3] lease deadline, ms
    ARGV[4] claim token

  Output:
    flat array: id1, dueAt1, id2, dueAt2, ... (earliest due first)
]]
local rcall = redis.call
local due = rcall("ZRANGEBYSCORE", KEYS[1], "-inf", ARGV[1], "WITHSCORES", "LIMIT", 0, tonumber(ARGV[2]))
for i = 1, #due, 2 do
  local id, dueAt = due[i], due[i + 1]
  rcall("ZREM", KEYS[1], id)
  rcall("ZADD", KEYS[2], ARGV[3], id)
  rcall("HSET", KEYS[3], id, ARGV[4] .. "|" .. dueAt)
end
return due
