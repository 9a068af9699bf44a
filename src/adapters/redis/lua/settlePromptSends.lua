--[[
  Settles slots' sends once the platform has answered (or failed), for several sends in one call. For each send on
  its own: takes the slot's "settled" marker, so no later look at the slot counts its outcome as unknown, and keeps
  the message ids the platform gave on the prompt (its status and TTL untouched; a prompt that is gone stays gone).
  On a Redis Cluster the caller groups sends by slot (one tenant per call).

  Input: per send i, in order
    KEYS[2i - 1] settled marker of (member, slot)
    KEYS[2i]     prompt key ("<status char><json>")

    ARGV[2i - 1] settled marker lifetime, ms
    ARGV[2i]     the prompt's new JSON body with its delivery data, or "" when the platform gave none

  Output: the number of markers this call took
]]
local rcall = redis.call
--- @include "replacePromptBody"
local taken = 0
for i = 1, #KEYS, 2 do
  if rcall("SET", KEYS[i], "1", "NX", "PX", ARGV[i]) then
    taken = taken + 1
  end
  if ARGV[i + 1] ~= "" then
    replacePromptBody(KEYS[i + 1], ARGV[i + 1])
  end
end
return taken
