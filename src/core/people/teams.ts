// Team use cases: create on first join, join, leave, daily team challenge time.
import { parseHolidayCalendar } from '../schedule/holidays.ts';
import type { CoreContext } from '../context.ts';
import { isValidTimezone, localDay } from '../schedule/calendar.ts';
import { firstDigestAt } from '../dispatch/due.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { tenantOf } from '../ids.ts';
import { jobId } from '../dispatch/jobs.ts';
import type { Member, Team } from '../model.ts';
import { nextDailyAt } from '../schedule/daily.ts';
import { requireMember } from './members.ts';
import { hhmmSchema } from '../schedule/schedule-schema.ts';
import { putBoardEntries } from '../boards/upkeep.ts';
import type { BoardStore, DueIndex, MemberStore, TeamStore } from '../ports/index.ts';

/** The store roles these use cases touch, their own and those of the use cases they call. */
type Ctx = CoreContext<MemberStore & DueIndex & TeamStore & BoardStore>;

export interface TeamInput {
  teamId: string;
  name: string;
  /** The zone the platform gives for the team, if any (else DEFAULT_TIMEZONE). */
  timezone?: string | undefined;
  address?: Record<string, string> | undefined;
  /** Who brings the team into being, if this call creates it (kept as the team's `createdBy`). */
  createdBy?: string | undefined;
}

/** Returns the team, creating it (Mon-Fri, no daily challenge yet, weekly digest on) the first time it is seen. */
export async function ensureTeam(ctx: Ctx, input: TeamInput): Promise<Team> {
  const existing = await ctx.store.getTeam(input.teamId);
  if (existing) return existing;
  const tenant = tenantOf(input.teamId);
  if (!tenant) throw new ValidationError('That team id is not valid.');
  const team: Team = {
    id: input.teamId,
    platform: tenant.platform,
    tenantId: tenant.tenantId,
    name: input.name || input.teamId,
    timezone: input.timezone !== undefined && isValidTimezone(input.timezone) ? input.timezone : ctx.defaultTimezone,
    workdays: [1, 2, 3, 4, 5],
    challengeTime: null,
    ...(input.createdBy ? { createdBy: input.createdBy } : {}),
    address: input.address ?? {},
    createdAt: ctx.clock.now(),
  };
  await ctx.store.putTeam(team);
  const digestAt = firstDigestAt(team.timezone, ctx.clock.now());
  if (digestAt !== null) await ctx.store.setDue(jobId({ kind: 'digest', teamId: team.id }), digestAt);
  return team;
}

export async function joinTeam(ctx: Ctx, memberId: string, teamId: string): Promise<Member> {
  const member = await requireMember(ctx, memberId);
  const team = await ctx.store.getTeam(teamId);
  if (!team) throw new NotFoundError('That team');
  if (team.platform !== member.platform || team.tenantId !== member.tenantId) {
    throw new ValidationError('You can only join teams in your own workspace.');
  }
  const joined: Member = member.teamIds.includes(teamId) ? member : { ...member, teamIds: [...member.teamIds, teamId] };
  await ctx.store.putMember(joined);
  // The roster holds active members only; someone who has not started yet is added when they start.
  if (joined.active) {
    await ctx.store.addTeamMember(teamId, memberId);
    await putBoardEntries(ctx, joined, [teamId]);
  }
  return joined;
}

export async function leaveTeam(ctx: Ctx, memberId: string, teamId: string): Promise<Member> {
  const member = await requireMember(ctx, memberId);
  const left: Member = { ...member, teamIds: member.teamIds.filter((id) => id !== teamId) };
  await ctx.store.putMember(left);
  await ctx.store.removeTeamMember(teamId, memberId);
  await ctx.store.removeBoardEntry(teamId, memberId);
  return left;
}

/** Sets (or with null, clears) the local time of the team's daily challenge. */
export async function setTeamChallengeTime(ctx: Ctx, teamId: string, time: string | null): Promise<{ team: Team; nextAt: number | null }> {
  return updateTeamSettings(ctx, teamId, { challengeTime: time });
}

export interface TeamSettingsPatch {
  /** "HH:MM", or null to turn the daily challenge off. */
  challengeTime?: string | null | undefined;
  timezone?: string | undefined;
  workdays?: number[] | undefined;
  name?: string | undefined;
  /** A public-holiday calendar ("US", "AU-VIC"; checked by parseHolidayCalendar), or null for none. */
  holidays?: string | null | undefined;
}

const TEAM_NAME_MAX = 80;
/** Workday changes a team remembers; older days are judged by the oldest one kept. */
const MAX_PAST_WORKDAYS = 50;

/** Checks every field first, so one bad value changes nothing; then re-plans the team challenge and the weekly digest. */
export async function updateTeamSettings(ctx: Ctx, teamId: string, patch: TeamSettingsPatch): Promise<{ team: Team; nextAt: number | null }> {
  const team = await ctx.store.getTeam(teamId);
  if (!team) throw new NotFoundError('That team');
  const time = patch.challengeTime === undefined ? team.challengeTime : patch.challengeTime;
  if (time !== null && !hhmmSchema.safeParse(time).success) throw new ValidationError('Give the team challenge time as HH:MM, e.g. 11:30.');
  if (patch.timezone !== undefined && !isValidTimezone(patch.timezone)) throw new ValidationError(`"${patch.timezone}" is not a time zone I know; use an IANA name such as Europe/Berlin.`);
  if (patch.workdays !== undefined && (patch.workdays.length === 0 || patch.workdays.some((day) => !Number.isInteger(day) || day < 1 || day > 7))) {
    throw new ValidationError('A team needs at least one workday, e.g. mon-fri or sun-thu.');
  }
  const name = patch.name?.trim().replace(/\s+/g, ' ');
  if (name !== undefined && (name === '' || name.length > TEAM_NAME_MAX)) throw new ValidationError(`Give the team a name of 1 to ${TEAM_NAME_MAX} characters.`);
  const holidays = patch.holidays === undefined ? team.holidays : patch.holidays === null ? undefined : parseHolidayCalendar(patch.holidays);
  const { holidays: _old, ...withoutHolidays } = team;
  const now = ctx.clock.now();
  const workdays = patch.workdays ? [...new Set(patch.workdays)].sort((a, b) => a - b) : team.workdays;
  const workdaysChanged = workdays.join() !== team.workdays.join();
  const updated: Team = {
    ...withoutHolidays,
    ...(holidays === undefined ? {} : { holidays }),
    challengeTime: time,
    timezone: patch.timezone ?? team.timezone,
    workdays,
    name: name ?? team.name,
    // New workdays apply from today on: earlier days keep the workdays they had (the streak's history is not rewritten).
    ...(workdaysChanged ? { pastWorkdays: [...(team.pastWorkdays ?? []), { workdays: team.workdays, until: localDay(now, team.timezone) }].slice(-MAX_PAST_WORKDAYS) } : {}),
  };
  await ctx.store.putTeam(updated);
  const job = jobId({ kind: 'team', teamId });
  const nextAt = time === null ? null : nextDailyAt(updated.timezone, updated.workdays, time, now);
  if (nextAt === null) await ctx.store.clearDue(job);
  else await ctx.store.setDue(job, nextAt);
  // The digest is Monday morning in the team's zone, so a new zone moves it.
  if (updated.timezone !== team.timezone) {
    const digestAt = firstDigestAt(updated.timezone, now);
    if (digestAt !== null) await ctx.store.setDue(jobId({ kind: 'digest', teamId }), digestAt);
  }
  return { team: updated, nextAt };
}

/** A team's settings are changed only by a workspace/tenant admin (or team owner) or whoever set the team up. */
export function mayChangeTeam(team: Team, memberId: string, isAdmin: boolean): boolean {
  return isAdmin || (team.createdBy !== undefined && team.createdBy === memberId);
}
