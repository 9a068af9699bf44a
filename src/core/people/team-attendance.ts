// Who a team's day counts: its roster, less the members away that day (paused, on holiday, out of office for most of
// their window, as the excused-day rule says), so people who are away never make a team day harder to reach.
import type { CoreContext } from '../context.ts';
import type { MemberStore, TeamStore } from '../ports/index.ts';
import { awayToday } from '../progress/member-days.ts';

type Ctx = CoreContext<MemberStore & TeamStore>;

/** Rosters up to this size are read member by member on a completion; a larger one counts whole (one read per click stays bounded). */
export const AWAY_CHECK_MAX_ROSTER = 500;

/**
 * The team day's denominator now: roster size less roster members away today. `presentId` (the member completing)
 * is never counted as away: whoever does a break that day is there.
 */
export async function activeMembersToday(ctx: Ctx, teamId: string, presentId: string, now: number): Promise<number> {
  const rosterSize = await ctx.store.countTeamMembers(teamId);
  if (rosterSize === 0 || rosterSize > AWAY_CHECK_MAX_ROSTER) return rosterSize;
  const others = (await ctx.store.teamMemberIds(teamId)).filter((id) => id !== presentId);
  const members = await ctx.store.getMembers(others);
  const away = members.filter((member) => member !== null && awayToday(member, now)).length;
  return rosterSize - away;
}
