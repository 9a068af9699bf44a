-- Team board pieces shared by putBoardEntry and readBoard (pasted in by scripts.ts; expects `rcall`).
-- A board is a sorted set: member -> -(streak * 2^20 + week points). Ascending order is then best first, and Redis
-- orders equal scores by member, so ties come by member id. Week points stay far below 2^20 (at most 8 a day).
local BOARD_POINTS_RANGE = 1048576

local function boardScore(streak, points)
  local value = streak * BOARD_POINTS_RANGE + points
  -- Lua would write -0 as "-0": keep an empty entry at plain 0.
  if value == 0 then
    return 0
  end
  return -value
end

-- streak, points of a stored score (a string or a number)
local function boardFigures(score)
  local value = -tonumber(score)
  local streak = math.floor(value / BOARD_POINTS_RANGE)
  return streak, value - streak * BOARD_POINTS_RANGE
end

-- Moves the board to weekKey when that is newer than the week it holds (ISO week keys compare as strings): every
-- member keeps the streak and takes that week's points from the team's week board. O(board size), once a week.
local function moveBoardToWeek(boardKey, boardWeekKey, weekBoardKey, weekKey)
  local held = rcall("GET", boardWeekKey)
  if held and held >= weekKey then
    return
  end
  if held then
    local entries = rcall("ZRANGE", boardKey, 0, -1, "WITHSCORES")
    for i = 1, #entries, 2 do
      local streak = boardFigures(entries[i + 1])
      local points = tonumber(rcall("ZSCORE", weekBoardKey, entries[i]) or "0")
      rcall("ZADD", boardKey, boardScore(streak, points), entries[i])
    end
  end
  rcall("SET", boardWeekKey, weekKey)
end
