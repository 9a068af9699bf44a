// Forgetting a team on Redis: reads the days and weeks that name its per-day and per-week keys, then deletes every
// key of the team in one transaction under its tenant's hash tag. Due entries live in the due shards and are cleared by the caller.
import type { Cluster, Redis } from 'ioredis';
import { teamDayKeys } from './counter-fields.ts';
import type { RedisKeys } from './keys.ts';
import { requirePlaced } from './keys.ts';
import { execTransaction } from './transaction.ts';

export async function forgetTeam(redis: Redis | Cluster, keys: RedisKeys, teamId: string): Promise<void> {
  const { platform, tenantId } = requirePlaced(teamId);
  const [dayFields, weekKeys] = (await execTransaction(redis.multi().hkeys(keys.teamDays(teamId)).smembers(keys.teamWeeks(teamId)))) as [
    string[],
    string[],
  ];
  const doomed = [
    keys.team(teamId),
    keys.roster(teamId),
    keys.teamDays(teamId),
    keys.teamWeeks(teamId),
    keys.teamBoard(teamId),
    keys.teamBoardAlive(teamId),
    keys.teamBoardWeek(teamId),
    keys.teamTotals(teamId),
    ...teamDayKeys(dayFields).map((day) => keys.teamDayCompleters(teamId, day)),
    ...weekKeys.map((weekKey) => keys.weekBoard(teamId, weekKey)),
  ];
  await execTransaction(redis.multi().srem(keys.tenantTeams(platform, tenantId), teamId).del(...doomed));
}
