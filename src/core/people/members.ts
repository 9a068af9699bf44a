// Member use cases: enrol, start, stop, pause, resume, settings, forget. Each keeps the due index in step.
import type { CoreContext } from '../context.ts';
import { NotEnrolledError, ValidationError } from '../errors.ts';
import { tenantOf } from '../ids.ts';
import type { ChallengeTag, InactiveSpan, MeetingsPreference, Member, Schedule } from '../model.ts';
import { parseHolidayCalendar } from '../schedule/holidays.ts';
import { nextPromptAt } from '../schedule/slots.ts';
import { DEFAULT_SCHEDULE_FIELDS, scheduleSchema } from '../schedule/schedule-schema.ts';
import { isValidTimezone } from '../schedule/calendar.ts';
import { plannedOffsetMs, type TenantLoad } from '../schedule/load-plan.ts';
import { leaveActiveRoster, syncActiveRoster, tenantLoadOf } from './tenant-load.ts';
import { syncBoardEntries } from '../boards/upkeep.ts';
import { withScheduleChange, withSpan } from '../progress/member-history.ts';
import type { BoardStore, DueIndex, MemberStore, TeamStore } from '../ports/index.ts';

/** The store roles these use cases touch, their own and those of the use cases they call. */
type Ctx = CoreContext<MemberStore & DueIndex & TeamStore & BoardStore>;

export interface EnrolInput {
  memberId: string;
  displayName: string;
  /** The zone the platform reports; used for a new member only (the member may change it later). */
  timezone?: string | undefined;
  address?: Record<string, string> | undefined;
}

export async function requireMember(ctx: CoreContext<MemberStore>, memberId: string): Promise<Member> {
  const member = await ctx.store.getMember(memberId);
  if (!member) throw new NotEnrolledError();
  return member;
}

/**
 * Applies `change` to the member as stored, with no lost update: a change stored meanwhile (another command, another
 * instance, the scheduler) is kept and `change` runs again on it. `change` must be pure; it may throw to refuse.
 */
export async function changeMember(ctx: CoreContext<MemberStore>, memberId: string, change: (member: Member) => Member): Promise<Member> {
  const teamsBefore = new Set<string>();
  const stored = await ctx.store.updateMember(memberId, (member) => {
    if (!member) throw new NotEnrolledError();
    for (const teamId of member.teamIds) teamsBefore.add(teamId);
    return change(member);
  });
  if (!stored) throw new NotEnrolledError();
  // Away or not, on a roster or not: what the member's teams know of them may have changed.
  ctx.teamFacts?.forget([...teamsBefore, ...stored.teamIds]);
  return stored;
}

/** A member as first enrolled: not started, the default working hours in `timezone`, no teams or history yet. */
export function newMember(id: string, fields: { displayName: string; timezone: string; address: Record<string, string>; createdAt: number }): Member {
  const tenant = tenantOf(id);
  if (!tenant) throw new ValidationError('That member id is not valid.');
  return {
    id,
    platform: tenant.platform,
    tenantId: tenant.tenantId,
    displayName: fields.displayName || id,
    schedule: { timezone: fields.timezone, ...DEFAULT_SCHEDULE_FIELDS, workdays: [...DEFAULT_SCHEDULE_FIELDS.workdays] },
    hasBand: false,
    avoidTags: [],
    active: false,
    pausedUntil: null,
    inactiveSpans: [],
    teamIds: [],
    recentChallengeIds: [],
    snoozedPromptId: null,
    snoozeUntil: null,
    meetings: 'hold',
    holidays: null,
    address: fields.address,
    createdAt: fields.createdAt,
  };
}

/** The member `input` enrols when none is stored: in the platform's zone, else the default one (marked as assumed). */
export function enrolledMember(ctx: Pick<CoreContext<unknown>, 'defaultTimezone'>, input: EnrolInput, createdAt: number): Member {
  const platformZone = input.timezone !== undefined && isValidTimezone(input.timezone) ? input.timezone : null;
  const created = newMember(input.memberId, { displayName: input.displayName, timezone: platformZone ?? ctx.defaultTimezone, address: input.address ?? {}, createdAt });
  return platformZone === null ? { ...created, timezoneAssumed: true } : created;
}

/** Creates the member (not yet opted in) or refreshes the name and address the platform gave. */
export async function enrol(ctx: Ctx, input: EnrolInput): Promise<Member> {
  if (!tenantOf(input.memberId)) throw new ValidationError('That member id is not valid.');
  const createdAt = ctx.clock.now();
  const stored = await ctx.store.updateMember(input.memberId, (existing) => {
    if (existing) {
      const displayName = input.displayName || existing.displayName;
      const address = { ...existing.address, ...(input.address ?? {}) };
      // Every command enrols first: nothing new from the platform means nothing to write (and nothing to race).
      if (displayName === existing.displayName && JSON.stringify(address) === JSON.stringify(existing.address)) return null;
      return { ...existing, displayName, address };
    }
    return enrolledMember(ctx, input, createdAt);
  });
  if (!stored) throw new ValidationError('That member id is not valid.');
  return stored;
}

/** The member's delivery offset after each slot: their place in the tenant's spread window. */
export function memberOffsetMs(ctx: Pick<CoreContext<unknown>, 'spreadSeconds'>, member: Member, load: TenantLoad | null): number {
  return plannedOffsetMs(member.id, ctx.spreadSeconds, load, member.schedule.intervalMinutes);
}

/**
 * The member's next due instant (slot + spread offset) after `after`, honouring a pause and a waiting snooze.
 * `handledSlot` (a slot just sent or passed) is never planned again, even when the window grew since it was planned.
 */
export function nextDueAt(ctx: Pick<CoreContext<unknown>, 'spreadSeconds'>, member: Member, after: number, load: TenantLoad | null = null, handledSlot?: number): number | null {
  const from = member.pausedUntil !== null && member.pausedUntil > after ? member.pausedUntil : after;
  const spread = memberOffsetMs(ctx, member, load);
  // Slots are wall-clock; the spread only delays delivery, so look for the slot after (from - spread).
  const slot = nextPromptAt(member.schedule, new Date(Math.max(from - spread, handledSlot ?? Number.NEGATIVE_INFINITY)));
  const due = slot ? slot.getTime() + spread : null;
  // A pause holds a snoozed prompt too: it comes when the pause ends, unless its own time is later.
  const snoozeAt = member.snoozeUntil === null ? null : from > after ? Math.max(member.snoozeUntil, from) : member.snoozeUntil;
  if (snoozeAt !== null && (due === null || snoozeAt < due)) return snoozeAt;
  return due;
}

/** Rounds of "set the due entry, then check the member did not change under it" before giving up on a busy member. */
const RESCHEDULE_ROUNDS = 4;

/**
 * Sets the member's due entry from `member`. Two changes of one member racing may set it in the other order than
 * they stored the member, so after each set the member is read again and, when what decides the due instant changed,
 * the entry is set from the newer record: the last set of all is always made from the member as finally stored.
 */
export async function reschedule(ctx: Ctx, member: Member): Promise<number | null> {
  let current = member;
  let due: number | null = null;
  for (let round = 0; round < RESCHEDULE_ROUNDS; round += 1) {
    due = current.active ? nextDueAt(ctx, current, ctx.clock.now(), await tenantLoadOf(ctx, current)) : null;
    if (due === null) await ctx.store.clearDue(current.id);
    else await ctx.store.setDue(current.id, due);
    const latest = await ctx.store.getMember(current.id);
    if (!latest || dueInputsOf(latest) === dueInputsOf(current)) return due;
    current = latest;
  }
  return due;
}

/** Everything nextDueAt (and the active flag) reads from a member. */
function dueInputsOf(member: Member): string {
  return JSON.stringify([member.active, member.schedule, member.pausedUntil, member.snoozeUntil]);
}

function closeOpenSpan(spans: InactiveSpan[], now: number): InactiveSpan[] {
  return spans.map((span) => (span.to === null || span.to > now ? { ...span, to: now } : span));
}

/** The member with any open span closed at `now` and `span` added; spans of past days settle into excused days. */
function addSpan(member: Member, span: InactiveSpan, now: number): Member {
  return { ...member, ...withSpan({ ...member, inactiveSpans: closeOpenSpan(member.inactiveSpans, now) }, span, now) };
}

async function syncRosters(ctx: Ctx, member: Member): Promise<void> {
  // Rosters hold active members only, so a team's size is its active member count.
  for (const teamId of member.teamIds) {
    if (member.active) await ctx.store.addTeamMember(teamId, member.id);
    else await ctx.store.removeTeamMember(teamId, member.id);
    ctx.teamFacts?.forget([teamId]);
  }
  // So is the tenant's, which sizes its spread window.
  await syncActiveRoster(ctx, member);
  await syncBoardEntries(ctx, member);
}

export async function start(ctx: Ctx, memberId: string): Promise<{ member: Member; nextAt: number | null }> {
  const now = ctx.clock.now();
  const started = await changeMember(ctx, memberId, (member) => ({ ...member, active: true, pausedUntil: null, inactiveSpans: closeOpenSpan(member.inactiveSpans, now) }));
  await syncRosters(ctx, started);
  const nextAt = await reschedule(ctx, started);
  ctx.logger.info({ memberId }, 'member started breaks');
  return { member: started, nextAt };
}

export async function stop(ctx: Ctx, memberId: string): Promise<Member> {
  const now = ctx.clock.now();
  const stopped = await changeMember(ctx, memberId, (member) => {
    const history = member.active ? addSpan(member, { from: now, to: null }, now) : member;
    return { ...history, active: false, pausedUntil: null, snoozedPromptId: null, snoozeUntil: null };
  });
  await syncRosters(ctx, stopped);
  await ctx.store.clearDue(memberId);
  ctx.logger.info({ memberId }, 'member stopped breaks');
  return stopped;
}

export async function pause(ctx: Ctx, memberId: string, until: number): Promise<{ member: Member; nextAt: number | null }> {
  const now = ctx.clock.now();
  const paused = await changeMember(ctx, memberId, (member) => {
    if (!member.active) throw new ValidationError('Breaks are not running, so there is nothing to pause. Say "start" first.');
    if (until <= now) throw new ValidationError('A pause must end in the future.');
    return { ...addSpan(member, { from: now, to: until }, now), pausedUntil: until };
  });
  // Paused days never break a streak, so the instant it would break moves.
  await syncBoardEntries(ctx, paused);
  const nextAt = await reschedule(ctx, paused);
  return { member: paused, nextAt };
}

export async function resume(ctx: Ctx, memberId: string): Promise<{ member: Member; nextAt: number | null }> {
  const now = ctx.clock.now();
  const resumed = await changeMember(ctx, memberId, (member) => ({ ...member, pausedUntil: null, inactiveSpans: closeOpenSpan(member.inactiveSpans, now) }));
  await syncBoardEntries(ctx, resumed);
  const nextAt = await reschedule(ctx, resumed);
  return { member: resumed, nextAt };
}

export interface SettingsPatch {
  timezone?: string | undefined;
  workdays?: number[] | undefined;
  start?: string | undefined;
  end?: string | undefined;
  intervalMinutes?: number | undefined;
  hasBand?: boolean | undefined;
  avoidTags?: ChallengeTag[] | undefined;
  meetings?: MeetingsPreference | undefined;
  /** A public-holiday calendar ("US", "AU-VIC"; checked by parseHolidayCalendar), or null for none. */
  holidays?: string | null | undefined;
}

/** Validates the whole resulting schedule, so one bad field changes nothing. */
export async function updateSettings(
  ctx: Ctx,
  memberId: string,
  patch: SettingsPatch,
): Promise<{ member: Member; nextAt: number | null }> {
  const now = ctx.clock.now();
  // Only the fields in the patch change, on the member as stored when it is written (another change may land first).
  const updated = await changeMember(ctx, memberId, (member) => withSettings(member, patch, now));
  // Workdays and zone decide the streak.
  await syncBoardEntries(ctx, updated);
  const nextAt = await reschedule(ctx, updated);
  return { member: updated, nextAt };
}

function withSettings(member: Member, patch: SettingsPatch, now: number): Member {
  const candidate: Schedule = {
    timezone: patch.timezone ?? member.schedule.timezone,
    workdays: patch.workdays ?? member.schedule.workdays,
    start: patch.start ?? member.schedule.start,
    end: patch.end ?? member.schedule.end,
    intervalMinutes: patch.intervalMinutes ?? member.schedule.intervalMinutes,
  };
  const parsed = scheduleSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  const { timezoneAssumed: _assumed, ...rest } = member;
  // The old schedule keeps deciding the days before today (a change never rewrites past days).
  const pastSchedules = withScheduleChange(member, parsed.data, now);
  const holidays = patch.holidays === undefined ? member.holidays : patch.holidays === null ? null : parseHolidayCalendar(patch.holidays);
  // A zone the member sets is no longer an assumption.
  return {
    ...(patch.timezone === undefined ? member : rest),
    schedule: parsed.data,
    hasBand: patch.hasBand ?? member.hasBand,
    avoidTags: patch.avoidTags ?? member.avoidTags,
    ...(pastSchedules.length > 0 ? { pastSchedules } : {}),
    meetings: patch.meetings ?? member.meetings,
    holidays,
  };
}

/** Deletes everything about the member. Works whether or not they ever started. */
export async function forget(ctx: Ctx, memberId: string): Promise<void> {
  await ctx.store.clearDue(memberId);
  const tenant = tenantOf(memberId);
  if (tenant) await leaveActiveRoster(ctx, { id: memberId, ...tenant });
  await ctx.store.forgetMember(memberId);
  ctx.logger.info({ memberId }, 'member forgotten');
}
