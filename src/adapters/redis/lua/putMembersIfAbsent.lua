--[[
  Bulk enrolment's record step: stores each member record only where no record is (SET NX), so an existing member is
  never overwritten. One call for many members; all keys share one hash tag on a Cluster (the caller sends one call
  per tenant there).

  The key count (one per member) is passed with each call.

  Input:
    KEYS[i] member record i (a string)
    ARGV[i] its encoded record

  Output:
    one code per member, in order: 1 stored, 0 a record was already there (nothing written)
]]
local rcall = redis.call
local results = {}
for i = 1, #KEYS do
  results[i] = rcall("SET", KEYS[i], ARGV[i], "NX") and 1 or 0
end
return results
