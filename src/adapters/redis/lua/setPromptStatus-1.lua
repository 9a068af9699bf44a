--[[
  Sets a prompt's status, but only while its current status is one that may still change (open or snoozed).
  The status is the first character of the stored prompt, so SETRANGE changes it and keeps the TTL.

  Input:
    KEYS[1] prompt key ("<status char><json>")

    ARGV[1] new status character
    ARGV[2] the status characters that may still change, e.g. "oz"

  Output:
    the status character held afterwards
    -2 the prompt does not exist
]]
local rcall = redis.call
local current = rcall("GETRANGE", KEYS[1], 0, 0)
if current == "" then
  return -2
end
if string.find(ARGV[2], current, 1, true) then
  rcall("SETRANGE", KEYS[1], 0, ARGV[1])
  return ARGV[1]
end
return current
