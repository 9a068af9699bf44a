-- Ending one claim, shared by commitDue and commitDueMany (pasted in by scripts.ts; expects `rcall`).
-- Only while the claim still carries the caller's token (fencing out a worker whose lease was reaped or whose job was
-- rescheduled meanwhile): ends it and sets the job's next due instant, or drops the job when nextDue is "".
-- Returns 1 when committed, -1 when the job is not claimed with this token (nothing changed).
local function commitClaim(dueKey, leaseKey, claimKey, id, token, nextDue)
  local held = rcall("HGET", claimKey, id)
  if not held or string.match(held, "^(.*)|[^|]*$") ~= token then
    return -1
  end
  rcall("HDEL", claimKey, id)
  rcall("ZREM", leaseKey, id)
  if nextDue ~= "" then
    rcall("ZADD", dueKey, nextDue, id)
  end
  return 1
end
