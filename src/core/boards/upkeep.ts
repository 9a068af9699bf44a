// Keeps each team board in step with its roster: every change to a member's streak, schedule, pauses or teams lands here.
import type { CoreContext } from '../context.ts';
import { isoWeekKey } from '../schedule/calendar.ts';
import { memberStanding, type MemberStanding } from '../progress/standings.ts';
import type { Member, MemberActivity, Team } from '../model.ts';
import type { MemberStreakInput } from '../progress/streaks.ts';
import { memberDaysSourceOf } from '../progress/member-days.ts';
import type { BoardStore, MemberStore, TeamStore } from '../ports/index.ts';

/** The store roles these use cases touch, their own and those of the use cases they call. */
type Ctx = CoreContext<MemberStore & TeamStore & BoardStore>;

/** A team whose board is written, with its week now in the team's zone. */
export interface BoardTeam {
  teamId: string;
  weekKey: string;
}

/** What the streak rules need of a member: their completions by day, workdays, zone, inactive time and start. */
export function streakInputOf(member: Member, activity: MemberActivity, now: number): MemberStreakInput {
  return { ...memberDaysSourceOf(member), days: activity.days, now, since: member.createdAt };
}

export function standingOf(member: Member, activity: MemberActivity, now: number): MemberStanding {
  return memberStanding(streakInputOf(member, activity, now));
}

export async function putStanding(ctx: Ctx, memberId: string, standing: MemberStanding, teams: readonly BoardTeam[]): Promise<void> {
  for (const team of teams) {
    await ctx.store.putBoardEntry(team.teamId, memberId, { streak: standing.streak, aliveUntil: standing.aliveUntil, weekKey: team.weekKey });
  }
}

async function boardTeams(ctx: Ctx, teamIds: readonly string[], now: number): Promise<BoardTeam[]> {
  const teams: BoardTeam[] = [];
  for (const teamId of teamIds) {
    const team = await ctx.store.getTeam(teamId);
    if (team) teams.push({ teamId, weekKey: isoWeekKey(now, team.timezone) });
  }
  return teams;
}

/** Writes the member's entry on the boards of `teamIds` (default: all their teams). */
export async function putBoardEntries(ctx: Ctx, member: Member, teamIds: readonly string[] = member.teamIds): Promise<void> {
  if (teamIds.length === 0) return;
  const now = ctx.clock.now();
  const standing = standingOf(member, await ctx.store.getActivity(member.id), now);
  await putStanding(ctx, member.id, standing, await boardTeams(ctx, teamIds, now));
}

/** Boards hold the roster, and the roster holds active members: an active member's entries are refreshed, anyone else's removed. */
export async function syncBoardEntries(ctx: Ctx, member: Member): Promise<void> {
  if (member.active) {
    await putBoardEntries(ctx, member);
    return;
  }
  for (const teamId of member.teamIds) await ctx.store.removeBoardEntry(teamId, member.id);
}

/**
 * Brings board and roster back in step: O(team size), so only when a read finds them apart (data from before boards, an
 * interrupted join or forget). Roster members join the board; a board entry off the roster goes, unless it is an active
 * member of the team, who goes back on the roster. `goneIds` are members a read found no longer exist.
 */
export async function mendBoard(ctx: Ctx, team: Team, weekKey: string, now: number, goneIds: readonly string[] = []): Promise<void> {
  for (const memberId of goneIds) {
    // Left over from an interrupted forget: finish it.
    await ctx.store.removeTeamMember(team.id, memberId);
    await ctx.store.removeBoardEntry(team.id, memberId);
  }
  const [rosterIds, board] = await Promise.all([
    ctx.store.teamMemberIds(team.id),
    ctx.store.readBoard(team.id, { weekKey, now, viewerId: null, limit: null }),
  ]);
  const onBoard = new Set(board.top.map((row) => row.memberId));
  const onRoster = new Set(rosterIds);
  for (const memberId of onBoard) {
    if (onRoster.has(memberId)) continue;
    const member = await ctx.store.getMember(memberId);
    // An active member of the team missing from the roster (an interrupted join) belongs on both.
    if (member?.active && member.teamIds.includes(team.id)) await ctx.store.addTeamMember(team.id, memberId);
    else await ctx.store.removeBoardEntry(team.id, memberId);
  }
  for (const memberId of rosterIds) {
    if (onBoard.has(memberId)) continue;
    const member = await ctx.store.getMember(memberId);
    if (!member) await ctx.store.removeTeamMember(team.id, memberId);
    else await putStanding(ctx, memberId, standingOf(member, await ctx.store.getActivity(memberId), now), [{ teamId: team.id, weekKey }]);
  }
  ctx.logger.info({ teamId: team.id, members: rosterIds.length }, 'team board mended from the roster');
}
