--[[
  Bulk enrolment's record step: stores each member record only where no record is (SET NX), so an existing member is
  never overwritten. One call for many members; all keys share one hash tag on a Cluster (the caller sends one call
  per tenant there). The records come as one argument, a line each: an encoded record is JSON, which never holds a
  raw line break, and one long argument costs Redis and the client far less than one argument per member.

  The key count (one per member) is passed with each call.

  Input:
    KEYS[i] member record i (a string)
    ARGV[1] the encoded records, in KEYS order, joined by "\n"

  Output:
    one code per member, in order: 1 stored, 0 a record was already there (nothing written)
]]
local rcall = redis.call
local records = ARGV[1]
local results = {}
local at = 1
for i = 1, #KEYS do
  local stop = string.find(records, "\n", at, true) or (#records + 1)
  results[i] = rcall("SET", KEYS[i], string.sub(records, at, stop - 1), "NX") and 1 or 0
  at = stop + 1
end
return results
