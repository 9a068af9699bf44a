--[[
  Records slots' prompts just before they are sent, once per (member, slot), for several sends in one call. For each
  send on its own: the send marker is SET NX first; only when it was set are the prompt stored, the member's prompt
  list and record written, and one prompt sent counted for the member and each of their teams. A send whose marker
  is already taken changes nothing. On a Redis Cluster the caller groups sends by slot (one tenant per call).

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

    ARGV, per send in order, eight values:
      send marker lifetime, ms
      prompt lifetime, ms
      number of teams
      prompt value
      the prompt's sentAt, ms: entries of the member prompts set that expired before it are dropped
      the prompt's entry in the member prompts set
      member record value
      the prompt's id: the marker's value, so a later look at an unsettled slot knows which prompt was in flight

  Output: an array with one value per send, in order:
    1 the marker was taken and the send recorded
    0 the marker was already taken: nothing changed for that send
]]
local rcall = redis.call
local results = {}
local k = 1
for a = 1, #ARGV, 8 do
  local markerTtl = ARGV[a]
  local promptTtl = ARGV[a + 1]
  local teams = tonumber(ARGV[a + 2])
  local sentAt = ARGV[a + 4]
  if rcall("SET", KEYS[k], ARGV[a + 7], "NX", "PX", markerTtl) then
    rcall("SET", KEYS[k + 1], ARGV[a + 3], "PX", promptTtl)
    rcall("ZREMRANGEBYSCORE", KEYS[k + 2], "-inf", "(" .. sentAt)
    rcall("ZADD", KEYS[k + 2], tonumber(sentAt) + tonumber(promptTtl), ARGV[a + 5])
    rcall("SET", KEYS[k + 3], ARGV[a + 6])
    rcall("HINCRBY", KEYS[k + 4], "ps", 1)
    for t = 1, teams do
      rcall("HINCRBY", KEYS[k + 4 + t], "ps", 1)
    end
    results[#results + 1] = 1
  else
    results[#results + 1] = 0
  end
  k = k + 5 + teams
end
return results
