// "Forget me" on Redis: reads what points at the member's data, then deletes it in one transaction per hash tag
// (the member's tenant, then each team). Due entries live in the due shards and are cleared by the caller.
import type { Cluster, Redis } from 'ioredis';
import { teamDayKeys } from './counter-fields.ts';
import type { RedisKeys } from './keys.ts';
import { placeId, requirePlaced } from './keys.ts';
import { decodeMember } from './member-codec.ts';
import { decodePrompt } from './prompt-codec.ts';
import { guard } from './redis-errors.ts';
import { execTransaction } from './transaction.ts';

export async function forgetMember(redis: Redis | Cluster, keys: RedisKeys, memberId: string): Promise<void> {
  const { platform, tenantId } = requirePlaced(memberId);
  const memberKey = keys.member(memberId);
  const promptList = keys.memberPrompts(memberId);
  const [memberText, promptRests] = (await execTransaction(redis.multi().get(memberKey).zrange(promptList, 0, '-1'))) as [
    string | null,
    string[],
  ];
  const promptIds = promptRests.map((rest) => `${platform}:${tenantId}:${rest}`);
  const promptTexts = promptIds.length > 0 ? await guard(redis.mget(promptIds.map((id) => keys.prompt(id)))) : [];

  const tx = redis.multi().del(memberKey, keys.activity(memberId), promptList);
  promptIds.forEach((promptId, i) => {
    tx.del(keys.done(promptId, memberId)).srem(keys.joiners(promptId), memberId);
    const text = promptTexts[i];
    // The member's own prompts go; a team prompt stays for the others, minus this member.
    if (text && decodePrompt(promptId, platform, tenantId, text).memberId === memberId) tx.del(keys.prompt(promptId));
  });
  await execTransaction(tx);

  const teamIds = memberText ? decodeMember(memberId, platform, tenantId, memberText).teamIds : [];
  for (const teamId of teamIds) {
    if (placeId(teamId)) await forgetInTeam(redis, keys, teamId, memberId);
  }
}

async function forgetInTeam(redis: Redis | Cluster, keys: RedisKeys, teamId: string, memberId: string): Promise<void> {
  const [dayFields, weekKeys] = (await execTransaction(redis.multi().hkeys(keys.teamDays(teamId)).smembers(keys.teamWeeks(teamId)))) as [string[], string[]];
  const tx = redis.multi().srem(keys.roster(teamId), memberId).zrem(keys.teamBoard(teamId), memberId).zrem(keys.teamBoardAlive(teamId), memberId);
  for (const day of teamDayKeys(dayFields)) tx.srem(keys.teamDayCompleters(teamId, day), memberId);
  for (const weekKey of weekKeys) tx.zrem(keys.weekBoard(teamId, weekKey), memberId);
  await execTransaction(tx);
}
