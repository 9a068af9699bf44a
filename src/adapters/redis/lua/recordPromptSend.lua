--[[
  Records a slot's prompt just before it is sent, once per (member, slot): the send marker is SET NX first; only when
  it was set are the prompt stored, the member's prompt list and record written, and one prompt sent counted for
  the member and each of their teams. A caller that finds the marker taken changes nothing.

  The key count depends on the member's teams, so it is passed with each call: 5 + teams.
  The counter field is that of counter-fields.ts ("ps", prompts sent).

  Input:
    KEYS[1] send marker of (member, slot)
    KEYS[2] prompt
    KEYS[3] member prompts sorted set (prompt entry -> expiry, ms)
    KEYS[4] member record
    KEYS[5] member activity hash
    for each team i = 1, 2, ...:
      KEYS[5 + i] team totals hash

    ARGV[1] send marker lifetime, ms
    ARGV[2] prompt value
    ARGV[3] prompt lifetime, ms
    ARGV[4] the prompt's sentAt, ms: entries of the member prompts set that expired before it are dropped
    ARGV[5] the prompt's entry in the member prompts set
    ARGV[6] member record value

  Output:
    1 the marker was taken and the send recorded
    0 the marker was already taken: nothing changed
]]
local rcall = redis.call

if not rcall("SET", KEYS[1], "1", "NX", "PX", ARGV[1]) then
  return 0
end

rcall("SET", KEYS[2], ARGV[2], "PX", ARGV[3])
rcall("ZREMRANGEBYSCORE", KEYS[3], "-inf", "(" .. ARGV[4])
rcall("ZADD", KEYS[3], tonumber(ARGV[4]) + tonumber(ARGV[3]), ARGV[5])
rcall("SET", KEYS[4], ARGV[6])
rcall("HINCRBY", KEYS[5], "ps", 1)
for i = 6, #KEYS do
  rcall("HINCRBY", KEYS[i], "ps", 1)
end
return 1
