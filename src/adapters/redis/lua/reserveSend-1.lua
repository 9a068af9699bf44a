--[[
  A GCRA rate limiter shared by every instance. Each call reserves the next send slot and returns how long the
  caller must wait for it; a burst of up to ARGV[3] ms worth of sends goes out at once.

  Input:
    KEYS[1] limiter key (holds the theoretical arrival time, ms)

    ARGV[1] now, ms
    ARGV[2] interval between sends, ms (1000 / sends per second)
    ARGV[3] burst window, ms (reservations this far ahead of now need no wait)

  Output:
    ms to wait before sending (0 = now)
]]
local rcall = redis.call
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local tat = tonumber(rcall("GET", KEYS[1]) or "0")
if tat < now then
  tat = now
end
local nextTat = tat + interval
local wait = nextTat - now - window
if wait < 0 then
  wait = 0
end
rcall("SET", KEYS[1], string.format("%.3f", nextTat), "PX", math.ceil(nextTat - now) + 1)
return math.ceil(wait)
