--[[
  Reads a team board as of now: streaks that lapsed at or before now become 0 (the points stay), a newer week key
  moves the board to that week, then the top rows and the viewer's row are read. Ranks are competition ranks:
  1 + the number of members with a strictly better score, so ties share a rank (1, 1, 3).

  Input:
    KEYS[1] team board sorted set (member -> -(streak * 2^20 + points))
    KEYS[2] team board lapse sorted set (member -> instant the streak lapses, ms)
    KEYS[3] team board week key string
    KEYS[4] team week board sorted set of ARGV[1] (member -> points)
    KEYS[5] team roster set

    ARGV[1] the team's week key now ("YYYY-Www")
    ARGV[2] now, ms
    ARGV[3] rows from the top; -1 for every row
    ARGV[4] viewer member id; "" for none

  Output:
    { total, roster size, { member, streak, points, rank, ... } best first, { member, streak, points, rank } or {} }
]]
local rcall = redis.call
--- @include "teamBoard"

local lapsed = rcall("ZRANGEBYSCORE", KEYS[2], "-inf", ARGV[2])
for _, memberId in ipairs(lapsed) do
  local score = rcall("ZSCORE", KEYS[1], memberId)
  if score then
    local _, points = boardFigures(score)
    rcall("ZADD", KEYS[1], boardScore(0, points), memberId)
  end
end
if #lapsed > 0 then
  rcall("ZREMRANGEBYSCORE", KEYS[2], "-inf", ARGV[2])
end

moveBoardToWeek(KEYS[1], KEYS[3], KEYS[4], ARGV[1])

local limit = tonumber(ARGV[3])
local top = {}
if limit ~= 0 then
  local stop = limit - 1
  if limit < 0 then
    stop = -1
  end
  local entries = rcall("ZRANGE", KEYS[1], 0, stop, "WITHSCORES")
  local rank, previous = 0, nil
  for i = 1, #entries, 2 do
    local score = entries[i + 1]
    if score ~= previous then
      rank = (i + 1) / 2
    end
    previous = score
    local streak, points = boardFigures(score)
    top[#top + 1] = entries[i]
    top[#top + 1] = streak
    top[#top + 1] = points
    top[#top + 1] = rank
  end
end

local viewer = {}
if ARGV[4] ~= "" then
  local score = rcall("ZSCORE", KEYS[1], ARGV[4])
  if score then
    local streak, points = boardFigures(score)
    viewer = { ARGV[4], streak, points, rcall("ZCOUNT", KEYS[1], "-inf", "(" .. score) + 1 }
  end
end

return { rcall("ZCARD", KEYS[1]), rcall("SCARD", KEYS[5]), top, viewer }
