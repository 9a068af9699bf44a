--[[
  Puts one member on a team board: the streak as given, the points read from the team's week board, and the instant
  the streak lapses. A newer week key first moves the whole board to that week; a writer still in an older week
  keeps the points the board has.

  Input:
    KEYS[1] team board sorted set (member -> -(streak * 2^20 + points))
    KEYS[2] team board lapse sorted set (member -> instant the streak lapses, ms)
    KEYS[3] team board week key string
    KEYS[4] team week board sorted set of ARGV[2] (member -> points)

    ARGV[1] member id
    ARGV[2] the team's week key now ("YYYY-Www")
    ARGV[3] streak
    ARGV[4] instant the streak lapses, ms; "" when the streak is 0

  Output:
    the member's points on the board
]]
local rcall = redis.call
--- @include "teamBoard"

local memberId = ARGV[1]
local streak = tonumber(ARGV[3])
moveBoardToWeek(KEYS[1], KEYS[3], KEYS[4], ARGV[2])

local points = 0
if rcall("GET", KEYS[3]) == ARGV[2] then
  points = tonumber(rcall("ZSCORE", KEYS[4], memberId) or "0")
else
  local held = rcall("ZSCORE", KEYS[1], memberId)
  if held then
    local _, heldPoints = boardFigures(held)
    points = heldPoints
  end
end

rcall("ZADD", KEYS[1], boardScore(streak, points), memberId)
if streak > 0 and ARGV[4] ~= "" then
  rcall("ZADD", KEYS[2], ARGV[4], memberId)
else
  rcall("ZREM", KEYS[2], memberId)
end
return points
