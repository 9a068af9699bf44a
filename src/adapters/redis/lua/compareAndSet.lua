--[[
  The write half of a read-modify-write (compare-and-set): stores the new value only if the key still holds exactly
  the value the caller read (or is still absent), so a write that landed in between is never overwritten; the caller
  reads again and reapplies its change. The record keeps its lifetime (KEEPTTL). Optionally adds a member to a set
  in the same step (a new team joins its tenant's team index). All keys share one hash tag.

  The key count (1 or 2) is passed with each call.

  Input:
    KEYS[1] the record (a string)
    KEYS[2] optional: a set to add ARGV[4] to when the value is stored

    ARGV[1] "1" when the caller read a value, "0" when it found the key absent
    ARGV[2] the value the caller read ("" when absent)
    ARGV[3] the new value
    ARGV[4] with KEYS[2]: the set member to add

  Output:
    1 stored
    0 the record changed since it was read: nothing written
]]
local rcall = redis.call
local current = rcall("GET", KEYS[1])
if ARGV[1] == "1" then
  if current ~= ARGV[2] then return 0 end
elseif current then
  return 0
end
rcall("SET", KEYS[1], ARGV[3], "KEEPTTL")
if KEYS[2] then rcall("SADD", KEYS[2], ARGV[4]) end
return 1
