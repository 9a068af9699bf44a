--[[
  Replaces a prompt's JSON body (e.g. new delivery data) while keeping its current status character and its TTL.
  A prompt that no longer exists is not created again.

  Input:
    KEYS[1] prompt key ("<status char><json>")

    ARGV[1] new JSON body

  Output:
     1 replaced
    -2 the prompt does not exist
]]
local rcall = redis.call
--- @include "replacePromptBody"
return replacePromptBody(KEYS[1], ARGV[1])
