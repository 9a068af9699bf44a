--[[
  Records slots' prompts just before they are sent, once per (member, slot), for several sends in one call. For each
  send on its own: the send marker is SET NX first; only when it was set are the prompt stored, the member's prompt
  list written, and one prompt sent counted for the member and each of their teams. The member record is written
  only if it still holds exactly the value the caller read (compare-and-set): when it changed meanwhile (a settings
  change), it is left alone and the reply says so, and the caller writes the send's one field (recent challenges) on
  the newer record itself. A send whose marker is already taken changes nothing. On a Redis Cluster the caller groups
  sends by slot (one tenant per call).

  The key count depends on the sends and their teams, so it is passed with each call.
  The counter field is that of counter-fields.ts ("ps", prompts sent).

  Input:
    KEYS, per send in order, one after another:
      send marker of (member, slot)
      prompt
      member prompts sorted set (prompt entry -> expiry, ms)
      member record
      member activity hash
      one team totals hash per team of the member

    ARGV, per send in order, nine values:
      send marker lifetime, ms
      prompt lifetime, ms
      number of teams
      prompt value
      the prompt's sentAt, ms: entries of the member prompts set that expired before it are dropped
      the prompt's entry in the member prompts set
      member record value as the caller read it
      member record value with the send's change
      the prompt's id: the marker's value, so a later look at an unsettled slot knows which prompt was in flight

  Output: an array with one value per send, in order:
    1 the marker was taken and the send recorded
    2 as 1, but the member record no longer held the value read (or is gone), so it was not written
    0 the marker was already taken: nothing changed for that send
]]
local rcall = redis.call
local results = {}
local k = 1
for a = 1, #ARGV, 9 do
  local markerTtl = ARGV[a]
  local promptTtl = ARGV[a + 1]
  local teams = tonumber(ARGV[a + 2])
  local sentAt = ARGV[a + 4]
  if rcall("SET", KEYS[k], ARGV[a + 8], "NX", "PX", markerTtl) then
    rcall("SET", KEYS[k + 1], ARGV[a + 3], "PX", promptTtl)
    rcall("ZREMRANGEBYSCORE", KEYS[k + 2], "-inf", "(" .. sentAt)
    rcall("ZADD", KEYS[k + 2], tonumber(sentAt) + tonumber(promptTtl), ARGV[a + 5])
    local memberWritten = rcall("GET", KEYS[k + 3]) == ARGV[a + 6]
    if memberWritten then rcall("SET", KEYS[k + 3], ARGV[a + 7]) end
    rcall("HINCRBY", KEYS[k + 4], "ps", 1)
    for t = 1, teams do
      rcall("HINCRBY", KEYS[k + 4 + t], "ps", 1)
    end
    results[#results + 1] = memberWritten and 1 or 2
  else
    results[#results + 1] = 0
  end
  k = k + 5 + teams
end
return results
