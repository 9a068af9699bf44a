--[[
  Ends several claims of one due shard at once, each exactly as commitDue does: only while it still carries the
  caller's token, setting the job's next due instant or dropping it. One call instead of one per job.

  Input:
    KEYS[1] due sorted set   (job id -> due instant, ms)
    KEYS[2] lease sorted set (job id -> lease deadline, ms)
    KEYS[3] claim hash       (job id -> "<token>|<dueAt>")

    ARGV[1] claim token
    ARGV[2], ARGV[3], ... pairs: job id, next due instant (ms, or "" to drop the job)

  Output:
    one code per pair, in order: 1 committed, -1 not claimed with this token (nothing changed for that job)
]]
local rcall = redis.call
--- @include "commitClaim"
local results = {}
for i = 2, #ARGV - 1, 2 do
  results[#results + 1] = commitClaim(KEYS[1], KEYS[2], KEYS[3], ARGV[i], ARGV[1], ARGV[i + 1])
end
return results
