--[[
  Holds a shared limiter back until a given instant (a platform's Retry-After): no reservation made after this call
  gets a slot before ARGV[2]. Reservations already handed out are not recalled.

  Input:
    KEYS[1] limiter key (holds the theoretical arrival time, ms; same key as reserveSend)

    ARGV[1] now, ms
    ARGV[2] hold until, ms
    ARGV[3] interval between sends, ms
    ARGV[4] burst window, ms

  Output:
    the limiter's theoretical arrival time after the call, ms
]]
local rcall = redis.call
local now = tonumber(ARGV[1])
local untilMs = tonumber(ARGV[2])
local interval = tonumber(ARGV[3])
local window = tonumber(ARGV[4])
local tat = tonumber(rcall("GET", KEYS[1]) or "0")
-- reserveSend waits (tat + interval - window - now): this tat makes the next wait end at untilMs.
local held = untilMs + window - interval
if held > tat then
  tat = held
  rcall("SET", KEYS[1], string.format("%.3f", tat), "PX", math.max(1, math.ceil(tat - now) + 1))
end
return math.ceil(tat)
