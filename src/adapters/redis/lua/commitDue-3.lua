--[[
  Ends a claim, but only while it still carries the caller's token (fencing out a worker whose lease was reaped or
  whose job was rescheduled meanwhile), and sets the job's next due instant or drops it.

  Input:
    KEYS[1] due sorted set   (job id -> due instant, ms)
    KEYS[2] lease sorted set (job id -> lease deadline, ms)
    KEYS[3] claim hash       (job id -> "<token>|<dueAt>")

    ARGV[1] job id
    ARGV[2] claim token
    ARGV[3] next due instant, ms, or "" to drop the job

  Output:
     1 committed
    -1 the job is not claimed with this token: nothing changed
]]
local rcall = redis.call
--- @include "commitClaim"
return commitClaim(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3])
