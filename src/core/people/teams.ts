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
import { changeMember } from './members.ts';
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
  const fresh: Team = {
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
  // Created only if still absent: two first joins at once must not reset a team the other just set up.
  let created = false;
  const team = await ctx.store.updateTeam(input.teamId, (stored) => {
    created = stored === null;
    return stored === null ? fresh : null;
  });
  if (!team) throw new ValidationError('That team id is not valid.');
  if (!created) return team;
  const digestAt = firstDigestAt(team.timezone, ctx.clock.now());
  if (digestAt !== null) await ctx.store.setDue(jobId({ kind: 'digest', teamId: team.id }), digestAt);
  return team;
}

export async function joinTeam(ctx: Ctx, memberId: string, teamId: string): Promise<Member> {
  const team = await ctx.store.getTeam(teamId);
  if (!team) throw new NotFoundError('That team');
  const joined = await changeMember(ctx, memberId, (member) => {
    if (team.platform !== member.platform || team.tenantId !== member.tenantId) {
      throw new ValidationError('You can only join teams in your own workspace.');
    }
    return member.teamIds.includes(teamId) ? member : { ...member, teamIds: [...member.teamIds, teamId] };
  });
  // The roster holds active members only; someone who has not started yet is added when they start.
  if (joined.active) {
    await ctx.store.addTeamMember(teamId, memberId);
    ctx.teamFacts?.forget([teamId]);
    await putBoardEntries(ctx, joined, [teamId]);
  }
  return joined;
}

export async function leaveTeam(ctx: Ctx, memberId: string, teamId: string): Promise<Member> {
  const left = await changeMember(ctx, memberId, (member) => ({ ...member, teamIds: member.teamIds.filter((id) => id !== teamId) }));
  await ctx.store.removeTeamMember(teamId, memberId);
  ctx.teamFacts?.forget([teamId]);
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
  const time = patch.challengeTime;
  if (time !== undefined && time !== null && !hhmmSchema.safeParse(time).success) throw new ValidationError('Give the team challenge time as HH:MM, e.g. 11:30.');
  if (patch.timezone !== undefined && !isValidTimezone(patch.timezone)) throw new ValidationError(`"${patch.timezone}" is not a time zone I know; use an IANA name such as Europe/Berlin.`);
  if (patch.workdays !== undefined && (patch.workdays.length === 0 || patch.workdays.some((day) => !Number.isInteger(day) || day < 1 || day > 7))) {
    throw new ValidationError('A team needs at least one workday, e.g. mon-fri or sun-thu.');
  }
  const name = patch.name?.trim().replace(/\s+/g, ' ');
  if (name !== undefined && (name === '' || name.length > TEAM_NAME_MAX)) throw new ValidationError(`Give the team a name of 1 to ${TEAM_NAME_MAX} characters.`);
  // Checked before anything is written, so a bad calendar changes nothing.
  const calendar = patch.holidays === undefined || patch.holidays === null ? patch.holidays : parseHolidayCalendar(patch.holidays);
  const now = ctx.clock.now();
  // Only the fields in the patch change, on the team as stored when it is written (another change may land first).
  let zoneBefore = '';
  const updated = await ctx.store.updateTeam(teamId, (team) => {
    if (!team) throw new NotFoundError('That team');
    zoneBefore = team.timezone;
    const holidays = calendar === undefined ? team.holidays : calendar === null ? undefined : calendar;
    const { holidays: _old, ...withoutHolidays } = team;
    const workdays = patch.workdays ? [...new Set(patch.workdays)].sort((a, b) => a - b) : team.workdays;
    const workdaysChanged = workdays.join() !== team.workdays.join();
    ctx.teamFacts?.forget([teamId]);
    return {
      ...withoutHolidays,
      ...(holidays === undefined ? {} : { holidays }),
      challengeTime: time === undefined ? team.challengeTime : time,
      timezone: patch.timezone ?? team.timezone,
      workdays,
      name: name ?? team.name,
      // New workdays apply from today on: earlier days keep the workdays they had (the streak's history is not rewritten).
      ...(workdaysChanged ? { pastWorkdays: [...(team.pastWorkdays ?? []), { workdays: team.workdays, until: localDay(now, team.timezone) }].slice(-MAX_PAST_WORKDAYS) } : {}),
    };
  });
  if (!updated) throw new NotFoundError('That team');
  const nextAt = await replanTeam(ctx, updated, updated.timezone !== zoneBefore);
  return { team: updated, nextAt };
}

/**
 * Sets the team challenge's due entry (and with a new zone, the digest's) from `team`; as members' reschedule does,
 * sets them again from a newer team stored meanwhile, so the last set is made from the team as finally stored.
 */
async function replanTeam(ctx: Ctx, team: Team, zoneChanged: boolean): Promise<number | null> {
  let current = team;
  let moveDigest = zoneChanged;
  let nextAt: number | null = null;
  for (let round = 0; round < 4; round += 1) {
    const now = ctx.clock.now();
    const job = jobId({ kind: 'team', teamId: current.id });
    nextAt = current.challengeTime === null ? null : nextDailyAt(current.timezone, current.workdays, current.challengeTime, now);
    if (nextAt === null) await ctx.store.clearDue(job);
    else await ctx.store.setDue(job, nextAt);
    // The digest is Monday morning in the team's zone, so a new zone moves it.
    if (moveDigest) {
      const digestAt = firstDigestAt(current.timezone, now);
      if (digestAt !== null) await ctx.store.setDue(jobId({ kind: 'digest', teamId: current.id }), digestAt);
    }
    const latest = await ctx.store.getTeam(current.id);
    if (!latest || planOf(latest) === planOf(current)) break;
    moveDigest = latest.timezone !== current.timezone;
    current = latest;
  }
  return nextAt;
}

/** What a team's due entries are planned from. */
function planOf(team: Team): string {
  return JSON.stringify([team.challengeTime, team.timezone, team.workdays]);
}

/** A team's settings are changed only by a workspace/tenant admin (or team owner) or whoever set the team up. */
export function mayChangeTeam(team: Team, memberId: string, isAdmin: boolean): boolean {
  return isAdmin || (team.createdBy !== undefined && team.createdBy === memberId);
}
