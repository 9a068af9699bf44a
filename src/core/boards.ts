// Read models: a member's stats, a team's leaderboard, the workspace's team board and the weekly digest.
import type { CoreContext } from './context.ts';
import { isoWeekKey, localDay } from './calendar.ts';
import { NotFoundError } from './errors.ts';
import { rankMembers, rankTeams } from './leaderboard.ts';
import type { DigestView, LeaderboardView, StatsView, TeamBoardRow, WorkspaceBoardView } from './messages.ts';
import type { Member, Platform, Team } from './model.ts';
import { nextDueAt, requireMember } from './members.ts';
import { memberStreak, teamStreak } from './streaks.ts';

export async function currentStreak(ctx: CoreContext, member: Member, now: number): Promise<number> {
  const activity = await ctx.store.getActivity(member.id);
  return memberStreak({
    days: activity.days,
    workdays: member.schedule.workdays,
    timezone: member.schedule.timezone,
    inactiveSpans: member.inactiveSpans,
    now,
    since: member.createdAt,
  });
}

async function teamStreakOf(ctx: CoreContext, team: Team, now: number): Promise<number> {
  const days = await ctx.store.getTeamDays(team.id);
  return teamStreak({ days, workdays: team.workdays, timezone: team.timezone, now });
}

/** Members by streak then points of `weekKey` (default: this week in the team's zone). */
export async function leaderboard(ctx: CoreContext, teamId: string, viewerId: string | null, weekKey?: string): Promise<LeaderboardView> {
  const team = await ctx.store.getTeam(teamId);
  if (!team) throw new NotFoundError('That team');
  const now = ctx.clock.now();
  const week = weekKey ?? isoWeekKey(now, team.timezone);
  const [memberIds, weekBoard] = await Promise.all([ctx.store.teamMemberIds(teamId), ctx.store.teamWeekBoard(teamId, week)]);
  const weekPoints = new Map(weekBoard.map((entry) => [entry.memberId, entry.points]));
  const entries = [];
  for (const memberId of memberIds) {
    const member = await ctx.store.getMember(memberId);
    if (!member) continue;
    entries.push({
      memberId,
      displayName: member.displayName,
      streak: await currentStreak(ctx, member, now),
      weekPoints: weekPoints.get(memberId) ?? 0,
    });
  }
  const rows = rankMembers(entries, viewerId);
  const tenantBoard = await workspaceBoard(ctx, team.platform, team.tenantId, team.id);
  return {
    teamId,
    teamName: team.name,
    weekKey: week,
    rows,
    teamRank: tenantBoard.rows.find((row) => row.teamId === team.id) ?? null,
    teamCount: tenantBoard.rows.length,
  };
}

export async function workspaceBoard(ctx: CoreContext, platform: Platform, tenantId: string, viewerTeamId: string | null): Promise<WorkspaceBoardView> {
  const now = ctx.clock.now();
  const teams = await ctx.store.listTeams(platform, tenantId);
  const entries = [];
  for (const team of teams) {
    const totals = await ctx.store.getTeamTotals(team.id);
    entries.push({ teamId: team.id, teamName: team.name, streak: await teamStreakOf(ctx, team, now), ...totals });
  }
  return { rows: rankTeams(entries, viewerTeamId) };
}

/** "2nd of 7 in design" for each of the member's teams. */
export async function teamRanks(ctx: CoreContext, member: Member): Promise<StatsView['teams']> {
  const ranks: StatsView['teams'] = [];
  for (const teamId of member.teamIds) {
    const board = await leaderboard(ctx, teamId, member.id).catch(() => null);
    const row = board?.rows.find((r) => r.memberId === member.id);
    if (board && row) ranks.push({ teamId, teamName: board.teamName, rank: row.rank, of: board.rows.length });
  }
  return ranks;
}

export async function stats(ctx: CoreContext, memberId: string): Promise<StatsView> {
  const member = await requireMember(ctx, memberId);
  const now = ctx.clock.now();
  const activity = await ctx.store.getActivity(memberId);
  const today = localDay(now, member.schedule.timezone);
  const weekKey = isoWeekKey(now, member.schedule.timezone);
  return {
    memberId,
    displayName: member.displayName,
    active: member.active,
    pausedUntil: member.pausedUntil,
    schedule: member.schedule,
    hasBand: member.hasBand,
    streak: await currentStreak(ctx, member, now),
    todayCount: activity.days[today] ?? 0,
    weekPoints: activity.weekPoints[weekKey] ?? 0,
    totalPoints: activity.totalPoints,
    totalCompletions: activity.totalCompletions,
    promptsSent: activity.promptsSent,
    nextPromptAt: member.active ? nextDueAt(ctx, member, now) : null,
    teams: await teamRanks(ctx, member),
  };
}

export async function digestView(ctx: CoreContext, team: Team, inWeek: number): Promise<DigestView> {
  const weekKey = isoWeekKey(inWeek, team.timezone);
  const board = await leaderboard(ctx, team.id, null, weekKey);
  const teamRow: TeamBoardRow | null = board.teamRank;
  return {
    teamId: team.id,
    teamName: team.name,
    weekKey,
    streak: teamRow?.streak ?? 0,
    participation: teamRow?.participation ?? 0,
    top: board.rows.slice(0, 5),
  };
}
