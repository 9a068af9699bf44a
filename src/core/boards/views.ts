// Read models: a member's stats, a team's leaderboard, the workspace's team board and the weekly digest.
import type { CoreContext } from '../context.ts';
import { isoWeekKey, localDay } from '../schedule/calendar.ts';
import { NotFoundError } from '../errors.ts';
import { rankTeams } from '../progress/ranking.ts';
import type { DigestView, LeaderboardView, MemberBoardRow, StatsView, TeamBoardRow, WorkspaceBoardView } from '../views.ts';
import type { Member, Platform, Team } from '../model.ts';
import type { BoardPage, BoardQuery, BoardRow } from '../ports/index.ts';
import { rankBoard } from '../progress/standings.ts';
import { mendBoard, streakInputOf } from './upkeep.ts';
import { memberOffsetMs, nextDueAt, requireMember } from '../people/members.ts';
import { tenantLoadOf } from '../people/tenant-load.ts';
import { memberStreak, teamStreak } from '../progress/streaks.ts';
import { isPublicHoliday } from '../schedule/holidays.ts';
import type { BoardStore, DueIndex, MemberStore, TeamStore } from '../ports/index.ts';

/** The store roles these use cases touch, their own and those of the use cases they call. */
type Ctx = CoreContext<MemberStore & DueIndex & TeamStore & BoardStore>;

export async function currentStreak(ctx: Ctx, member: Member, now: number): Promise<number> {
  return memberStreak(streakInputOf(member, await ctx.store.getActivity(member.id), now));
}

async function teamStreakOf(ctx: Ctx, team: Team, now: number): Promise<number> {
  const days = await ctx.store.getTeamDays(team.id);
  const calendar = team.holidays;
  return teamStreak({ days, workdays: team.workdays, pastWorkdays: team.pastWorkdays, timezone: team.timezone, now, isHoliday: calendar === undefined ? undefined : (day) => isPublicHoliday(calendar, day) });
}

/** Rows a leaderboard shows from the top; the viewer's own row is added when it is further down. */
export const LEADERBOARD_TOP = 10;
const DIGEST_TOP = 5;

export interface LeaderboardOptions {
  /** Rows from the top (default LEADERBOARD_TOP); null for every member. */
  limit?: number | null;
}

function boardQuery(team: Team, now: number, viewerId: string | null, limit: number | null): BoardQuery {
  return { weekKey: isoWeekKey(now, team.timezone), now, viewerId, limit };
}

/** Reads the team's board, mending it first when its size differs from the roster's. */
async function readTeamBoard(ctx: Ctx, team: Team, query: BoardQuery): Promise<BoardPage> {
  const page = await ctx.store.readBoard(team.id, query);
  if (page.total === page.rosterSize) return page;
  await mendBoard(ctx, team, query.weekKey, query.now);
  return ctx.store.readBoard(team.id, query);
}

/** Display names for board rows, read for those rows only; `gone` lists rows whose member no longer exists. */
async function namedRows(ctx: Ctx, rows: readonly BoardRow[], viewerId: string | null): Promise<{ rows: MemberBoardRow[]; gone: string[] }> {
  const members = await Promise.all(rows.map((row) => ctx.store.getMember(row.memberId)));
  const named: MemberBoardRow[] = [];
  const gone: string[] = [];
  rows.forEach((row, i) => {
    const member = members[i];
    if (member) named.push({ ...row, displayName: member.displayName, isViewer: row.memberId === viewerId });
    else gone.push(row.memberId);
  });
  return { rows: named, gone };
}

/** The top rows, and the viewer's row after them when it is further down, so one's own rank always shows. */
function shownRows(page: BoardPage): BoardRow[] {
  const viewer = page.viewer;
  return viewer && !page.top.some((row) => row.memberId === viewer.memberId) ? [...page.top, viewer] : page.top;
}

/** The board's rows to show, named; a row of a member who is gone means the board lost step too, so it is mended. */
async function readNamedBoard(ctx: Ctx, team: Team, query: BoardQuery): Promise<MemberBoardRow[]> {
  const named = await namedRows(ctx, shownRows(await readTeamBoard(ctx, team, query)), query.viewerId);
  if (named.gone.length === 0) return named.rows;
  await mendBoard(ctx, team, query.weekKey, query.now, named.gone);
  return (await namedRows(ctx, shownRows(await ctx.store.readBoard(team.id, query)), query.viewerId)).rows;
}

/** The top of the team's board (members by streak, then this week's points in the team's zone), plus the viewer's own row. */
export async function leaderboard(ctx: Ctx, teamId: string, viewerId: string | null, options: LeaderboardOptions = {}): Promise<LeaderboardView> {
  const team = await ctx.store.getTeam(teamId);
  if (!team) throw new NotFoundError('That team');
  const now = ctx.clock.now();
  const query = boardQuery(team, now, viewerId, options.limit === undefined ? LEADERBOARD_TOP : options.limit);
  const [rows, tenantBoard] = await Promise.all([readNamedBoard(ctx, team, query), workspaceBoard(ctx, team.platform, team.tenantId, team.id)]);
  return {
    teamId,
    teamName: team.name,
    weekKey: query.weekKey,
    rows,
    teamRank: tenantBoard.rows.find((row) => row.teamId === team.id) ?? null,
    teamCount: tenantBoard.rows.length,
  };
}

export async function workspaceBoard(ctx: Ctx, platform: Platform, tenantId: string, viewerTeamId: string | null): Promise<WorkspaceBoardView> {
  const now = ctx.clock.now();
  const teams = await ctx.store.listTeams(platform, tenantId);
  const entries = [];
  for (const team of teams) {
    const totals = await ctx.store.getTeamTotals(team.id);
    entries.push({ teamId: team.id, teamName: team.name, streak: await teamStreakOf(ctx, team, now), ...totals });
  }
  return { rows: rankTeams(entries, viewerTeamId) };
}

/** "2nd of 7 in design" for each of the member's teams whose board they are on. */
export async function teamRanks(ctx: Ctx, member: Member): Promise<StatsView['teams']> {
  const ranks: StatsView['teams'] = [];
  for (const teamId of member.teamIds) {
    const team = await ctx.store.getTeam(teamId);
    const rank = team ? await teamRankOf(ctx, team, member.id) : null;
    if (rank) ranks.push(rank);
  }
  return ranks;
}

/** The member's place on one team's board, or null when they are not on it. */
export async function teamRankOf(ctx: Ctx, team: Team, memberId: string): Promise<StatsView['teams'][number] | null> {
  const page = await readTeamBoard(ctx, team, boardQuery(team, ctx.clock.now(), memberId, 0));
  return page.viewer ? { teamId: team.id, teamName: team.name, rank: page.viewer.rank, of: page.total } : null;
}

export async function stats(ctx: Ctx, memberId: string): Promise<StatsView> {
  const member = await requireMember(ctx, memberId);
  const now = ctx.clock.now();
  const activity = await ctx.store.getActivity(memberId);
  const today = localDay(now, member.schedule.timezone);
  const weekKey = isoWeekKey(now, member.schedule.timezone);
  const load = await tenantLoadOf(ctx, member);
  return {
    memberId,
    displayName: member.displayName,
    active: member.active,
    pausedUntil: member.pausedUntil,
    schedule: member.schedule,
    hasBand: member.hasBand,
    avoidTags: member.avoidTags,
    meetings: member.meetings,
    holidays: member.holidays,
    streak: await currentStreak(ctx, member, now),
    todayCount: activity.days[today] ?? 0,
    weekPoints: activity.weekPoints[weekKey] ?? 0,
    totalPoints: activity.totalPoints,
    totalCompletions: activity.totalCompletions,
    promptsSent: activity.promptsSent,
    // The due index knows best (a held or snoozed prompt moves it); the schedule answers while a claim holds the job.
    nextPromptAt: member.active ? ((await ctx.store.getDue(memberId)) ?? nextDueAt(ctx, member, now, load)) : null,
    arrivesAfterSlotMs: memberOffsetMs(ctx, member, load),
    teams: await teamRanks(ctx, member),
  };
}

/** The week that `inWeek` falls in: the team's place, and its top members by current streak, then that week's points. */
export async function digestView(ctx: Ctx, team: Team, inWeek: number): Promise<DigestView> {
  const weekKey = isoWeekKey(inWeek, team.timezone);
  const [top, tenantBoard] = await Promise.all([digestTop(ctx, team, weekKey), workspaceBoard(ctx, team.platform, team.tenantId, team.id)]);
  const teamRow: TeamBoardRow | null = tenantBoard.rows.find((row) => row.teamId === team.id) ?? null;
  return {
    teamId: team.id,
    teamName: team.name,
    weekKey,
    streak: teamRow?.streak ?? 0,
    participation: teamRow?.participation ?? 0,
    top,
  };
}

async function digestTop(ctx: Ctx, team: Team, weekKey: string): Promise<MemberBoardRow[]> {
  const now = ctx.clock.now();
  if (weekKey === isoWeekKey(now, team.timezone)) return readNamedBoard(ctx, team, boardQuery(team, now, null, DIGEST_TOP));
  // A past week (the digest runs after it ended): the board's streaks with that week's points, re-ranked; once a week per team.
  const [page, weekBoard] = await Promise.all([readTeamBoard(ctx, team, boardQuery(team, now, null, null)), ctx.store.teamWeekBoard(team.id, weekKey)]);
  const points = new Map(weekBoard.map((entry) => [entry.memberId, entry.points]));
  const ranked = rankBoard(page.top.map((row) => ({ memberId: row.memberId, streak: row.streak, weekPoints: points.get(row.memberId) ?? 0 })));
  return (await namedRows(ctx, ranked.slice(0, DIGEST_TOP), null)).rows;
}
