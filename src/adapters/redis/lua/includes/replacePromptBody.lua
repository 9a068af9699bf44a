-- Replacing a prompt's JSON body, shared by setPromptBody and settlePromptSend (pasted in by scripts.ts; expects
-- `rcall`). Keeps the prompt's current status character and TTL; a prompt that is gone is not created again.
-- Returns 1 when replaced, -2 when the prompt does not exist.
local function replacePromptBody(promptKey, body)
  local status = rcall("GETRANGE", promptKey, 0, 0)
  if status == "" then
    return -2
  end
  rcall("SET", promptKey, status .. body, "KEEPTTL")
  return 1
end
