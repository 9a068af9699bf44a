--[[
  Hands back up to ARGV[2] jobs of one due shard whose lease deadline is before ARGV[1]: each returns to the due set
  at the due instant it was claimed with, and its claim token stops being valid.

  Input:
    KEYS[1] due sorted set   (job id -> due instant, ms)
    KEYS[2] lease sorted set (job id -> lease deadline, ms)
    KEYS[3] claim hash       (job id -> "<token>|<dueAt>")

    ARGV[1] now, ms
    ARGV[2] most leases to look at

  Output:
    { jobs returned to the due set, leases looked at }
]]
local rcall = redis.call
local expired = rcall("ZRANGEBYSCORE", KEYS[2], "-inf", "(" .. ARGV[1], "LIMIT", 0, tonumber(ARGV[2]))
local reaped = 0
for _, id in ipairs(expired) do
  local held = rcall("HGET", KEYS[3], id)
  if held then
    rcall("ZADD", KEYS[1], string.match(held, "|([^|]*)$"), id)
    rcall("HDEL", KEYS[3], id)
    reaped = reaped + 1
  end
  rcall("ZREM", KEYS[2], id)
end
return { reaped, #expired }
