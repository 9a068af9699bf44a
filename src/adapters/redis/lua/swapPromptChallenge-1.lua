--[[
  Swaps the challenge of an open prompt for another, in place: same key, same status, same TTL. Only while the
  prompt is open, still shows the challenge the swap started from (so two swaps at once do not both count), and
  has been swapped fewer than the allowed number of times.

  Input:
    KEYS[1] prompt key ("<status char><json>")

    ARGV[1] the challenge id the swap replaces
    ARGV[2] new JSON body (the new challenge id and swap count; everything else as read)
    ARGV[3] most swaps a prompt may have

  Output:
     1 swapped
    -2 the prompt does not exist
    -3 the prompt is no longer open
    -4 the prompt shows another challenge by now
    -5 the prompt has been swapped the most times allowed
]]
local rcall = redis.call
local stored = rcall("GET", KEYS[1])
if not stored then
  return -2
end
if string.sub(stored, 1, 1) ~= "o" then
  return -3
end
local body = cjson.decode(string.sub(stored, 2))
if body.c ~= ARGV[1] then
  return -4
end
if (tonumber(body.w) or 0) >= tonumber(ARGV[3]) then
  return -5
end
rcall("SET", KEYS[1], "o" .. ARGV[2], "KEEPTTL")
return 1
