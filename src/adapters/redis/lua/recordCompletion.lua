--[[
  Counts one completion of a prompt by a member exactly once. The done marker is SET NX first; only when it was set
  do the day count, points, totals, team days, team week boards and team totals move. A repeat (retry, double tap)
  changes nothing and reports the current counts.
  A point is awarded while the day's points are under the daily cap and, for an on-demand ("now") break, while the
  day's on-demand points are under the on-demand cap; every completion counts for the day either way.

  Only a member on a team's roster counts toward that team's day (its completers); anyone else's completion still
  counts for the team's totals and week board.

  A personal prompt's status becomes done here too (as setPromptStatus does), and the member's activity hash comes
  back with the counts, so a Done click needs no other round trip for them.

  The key count depends on the member's teams, so it is passed with each call: 5 + 6 * teams.
  Hash field names are those of counter-fields.ts.

  Input:
    KEYS[1] done marker of (prompt, member)
    KEYS[2] member activity hash
    KEYS[3] member prompts sorted set (prompt entry -> expiry, ms)
    KEYS[4] team prompt joiners set (touched only for a team prompt)
    KEYS[5] prompt key ("<status char><json>"; touched only when ARGV[13] is not "")
    for each team i = 0, 1, ...:
      KEYS[6 + 6i] team days hash
      KEYS[7 + 6i] team day completers set
      KEYS[8 + 6i] team week board sorted set
      KEYS[9 + 6i] team week keys set
      KEYS[10 + 6i] team totals hash
      KEYS[11 + 6i] team roster set

    ARGV[1] member id
    ARGV[2] member day field ("d:YYYY-MM-DD")
    ARGV[3] member week field ("w:YYYY-Www")
    ARGV[4] daily point cap
    ARGV[5] done marker and joiners lifetime, ms
    ARGV[6] the prompt's entry in the member prompts set
    ARGV[7] now, ms
    ARGV[8] "1" for a team prompt, else "0"
    ARGV[9] team day completers set lifetime, ms
    ARGV[10] on-demand point cap, or "" when this is not an on-demand break
    ARGV[11] member day points field ("p:YYYY-MM-DD")
    ARGV[12] member day on-demand points field ("o:YYYY-MM-DD")
    ARGV[13] the done status character to give the prompt, or "" to leave it (a team prompt)
    ARGV[14] the status characters that may still change, e.g. "oz"
    for each team i = 0, 1, ...:
      ARGV[15 + 4i] completers field ("c:<day>")
      ARGV[16 + 4i] active members field ("a:<day>")
      ARGV[17 + 4i] active members now
      ARGV[18 + 4i] team week key

  Output:
    { counted (1/0), pointAwarded (1/0), todayCount, joinedCount, member activity hash as HGETALL gives it }
]]
local rcall = redis.call
local memberId = ARGV[1]
local isTeamPrompt = ARGV[8] == "1"

local function joinedCount()
  if isTeamPrompt then
    return rcall("SCARD", KEYS[4])
  end
  return 0
end

-- Done closes the prompt whether or not this click counted: a repeat finds it closed already.
if ARGV[13] ~= "" then
  local current = rcall("GETRANGE", KEYS[5], 0, 0)
  if current ~= "" and string.find(ARGV[14], current, 1, true) then
    rcall("SETRANGE", KEYS[5], 0, ARGV[13])
  end
end

if not rcall("SET", KEYS[1], "1", "NX", "PX", ARGV[5]) then
  return { 0, 0, tonumber(rcall("HGET", KEYS[2], ARGV[2]) or "0"), joinedCount(), rcall("HGETALL", KEYS[2]) }
end

local todayCount = rcall("HINCRBY", KEYS[2], ARGV[2], 1)
local dailyCap = tonumber(ARGV[4])
-- A day recorded before day points were kept: its earlier completions earned a point each, up to the cap.
local dayPoints = tonumber(rcall("HGET", KEYS[2], ARGV[11]) or math.min(todayCount - 1, dailyCap))
local award = dayPoints < dailyCap
local onDemand = ARGV[10] ~= ""
if award and onDemand then
  award = tonumber(rcall("HGET", KEYS[2], ARGV[12]) or "0") < tonumber(ARGV[10])
end
rcall("HINCRBY", KEYS[2], "tc", 1)
if award then
  rcall("HINCRBY", KEYS[2], ARGV[3], 1)
  rcall("HINCRBY", KEYS[2], "tp", 1)
  rcall("HSET", KEYS[2], ARGV[11], dayPoints + 1)
  if onDemand then
    rcall("HINCRBY", KEYS[2], ARGV[12], 1)
  end
end

-- Remember the prompt so forgetting the member finds its done marker; drop entries that have expired.
local now = tonumber(ARGV[7])
rcall("ZREMRANGEBYSCORE", KEYS[3], "-inf", "(" .. ARGV[7])
rcall("ZADD", KEYS[3], now + tonumber(ARGV[5]), ARGV[6])

if isTeamPrompt then
  rcall("SADD", KEYS[4], memberId)
  rcall("PEXPIRE", KEYS[4], ARGV[5])
end

for i = 0, (#KEYS - 5) / 6 - 1 do
  local k = 6 + 6 * i
  local a = 15 + 4 * i
  if rcall("SISMEMBER", KEYS[k + 5], memberId) == 1 then
    if rcall("SADD", KEYS[k + 1], memberId) == 1 then
      rcall("HINCRBY", KEYS[k], ARGV[a], 1)
    end
    rcall("PEXPIRE", KEYS[k + 1], ARGV[9])
  end
  rcall("HSET", KEYS[k], ARGV[a + 1], ARGV[a + 2])
  if award then
    rcall("ZINCRBY", KEYS[k + 2], 1, memberId)
    rcall("SADD", KEYS[k + 3], ARGV[a + 3])
  end
  rcall("HINCRBY", KEYS[k + 4], "c", 1)
end

local awarded = 0
if award then
  awarded = 1
end
return { 1, awarded, todayCount, joinedCount(), rcall("HGETALL", KEYS[2]) }
