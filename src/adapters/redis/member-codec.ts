// A member as one compact JSON string, with no id/platform/tenant (the key holds them).
// Version 2 (written now) is a JSON array: [displayName, timezone, createdAt in seconds, flags, rest?], where
// - createdAt keeps a fraction only when it is not a whole second, so every instant reads back exactly;
// - flags: 1 stopped (not active), 2 hasBand, 4 time zone assumed (DEFAULT_TIMEZONE); left out (with rest) when 0, as for a started member without a band,
//   the usual case for the members the scheduler reads;
// - rest is an object of what differs from the codec's own defaults: schedule fields unlike CODEC_SCHEDULE_DEFAULTS,
//   and the optional fields (pause, spans, teams, recent challenges, snooze, address, meetings "ignore", holiday calendar,
//   avoided tags, excused days, past schedules). Left out when empty.
// Version 1 (a JSON object with "s" for the schedule) is still read, so members stored before keep working.
import type { ChallengeTag, InactiveSpan, Member, UnreachableReason } from '../../core/index.ts';

/**
 * The schedule fields version 2 leaves out when a member has them. Fixed with the format, deliberately not the
 * product's defaults: changing those later must not change what stored members read back as.
 */
const CODEC_SCHEDULE_DEFAULTS = Object.freeze({ workdays: '12345', start: '09:00', end: '17:00', intervalMinutes: 60 });

const FLAG_INACTIVE = 1;
const FLAG_BAND = 2;
const FLAG_TIMEZONE_ASSUMED = 4;

/** Version 2's rest: only fields that differ from the codec defaults or are set. */
interface StoredRest {
  /** workdays (ISO weekdays as digits, "135", or else the array) */
  w?: string | number[];
  /** schedule start */
  f?: string;
  /** schedule end */
  e?: string;
  /** intervalMinutes */
  i?: number;
  /** pausedUntil */
  p?: number;
  /** inactiveSpans as [from, to] or [from, to, reason] */
  x?: Array<[number, number | null] | [number, number | null, UnreachableReason]>;
  /** teamIds; those of the member's tenant as the part after it */
  t?: string[];
  /** recentChallengeIds */
  r?: string[];
  /** snoozedPromptId */
  q?: string;
  /** snoozeUntil */
  u?: number;
  /** address */
  d?: Record<string, string>;
  /** meetings: 1 when "ignore" (left out for the default "hold") */
  m?: 1;
  /** holidays: the chosen public-holiday calendar */
  h?: string;
  /** heldFor: why the waiting snooze is a held prompt */
  k?: UnreachableReason;
  /** avoidTags */
  v?: ChallengeTag[];
  /** excusedDays */
  y?: string[];
  /** pastSchedules as [until, timezone, workdays, start, end] */
  o?: Array<[string, string, string | number[], string, string]>;
}

type StoredMemberV2 = [name: string, timezone: string, createdAtSeconds: number, flags?: number, rest?: StoredRest];

/** Version 1: an object with the schedule as a 5-tuple and createdAt in ms. */
interface StoredMemberV1 extends Pick<StoredRest, 'p' | 'x' | 't' | 'r' | 'q' | 'u' | 'd' | 'm' | 'h' | 'k' | 'v' | 'y' | 'o'> {
  n: string;
  s: [string, string | number[], string, string, number];
  c: number;
  b?: 1;
  a?: 1;
}

/** ISO weekdays 1..7 take one digit each; anything else is kept as it is. */
function encodeWorkdays(workdays: number[]): string | number[] {
  return workdays.every((day) => Number.isInteger(day) && day >= 1 && day <= 7) ? workdays.join('') : workdays;
}

function decodeWorkdays(stored: string | number[]): number[] {
  return typeof stored === 'string' ? [...stored].map(Number) : stored;
}

/** A team id of the member's tenant keeps only its part after the tenant, when that part has no ':' of its own. */
function encodeTeamId(teamId: string, tenantPrefix: string): string {
  const rest = teamId.startsWith(tenantPrefix) ? teamId.slice(tenantPrefix.length) : '';
  return rest !== '' && !rest.includes(':') ? rest : teamId;
}

function decodeTeamId(stored: string, tenantPrefix: string): string {
  return stored.includes(':') ? stored : tenantPrefix + stored;
}

function encodeRest(member: Member): StoredRest | null {
  const { schedule } = member;
  const rest: StoredRest = {};
  const workdays = encodeWorkdays(schedule.workdays);
  if (workdays !== CODEC_SCHEDULE_DEFAULTS.workdays) rest.w = workdays;
  if (schedule.start !== CODEC_SCHEDULE_DEFAULTS.start) rest.f = schedule.start;
  if (schedule.end !== CODEC_SCHEDULE_DEFAULTS.end) rest.e = schedule.end;
  if (schedule.intervalMinutes !== CODEC_SCHEDULE_DEFAULTS.intervalMinutes) rest.i = schedule.intervalMinutes;
  if (member.pausedUntil !== null) rest.p = member.pausedUntil;
  if (member.inactiveSpans.length > 0) rest.x = member.inactiveSpans.map((span) => (span.reason === undefined ? [span.from, span.to] : [span.from, span.to, span.reason]));
  const tenantPrefix = `${member.platform}:${member.tenantId}:`;
  if (member.teamIds.length > 0) rest.t = member.teamIds.map((teamId) => encodeTeamId(teamId, tenantPrefix));
  if (member.recentChallengeIds.length > 0) rest.r = member.recentChallengeIds;
  if (member.snoozedPromptId !== null) rest.q = member.snoozedPromptId;
  if (member.snoozeUntil !== null) rest.u = member.snoozeUntil;
  if (Object.keys(member.address).length > 0) rest.d = member.address;
  if (member.meetings === 'ignore') rest.m = 1;
  if (member.holidays !== null) rest.h = member.holidays;
  if (member.heldFor !== undefined) rest.k = member.heldFor;
  if (member.avoidTags.length > 0) rest.v = member.avoidTags;
  if (member.excusedDays !== undefined && member.excusedDays.length > 0) rest.y = member.excusedDays;
  if (member.pastSchedules !== undefined && member.pastSchedules.length > 0) {
    rest.o = member.pastSchedules.map((past) => [past.until, past.timezone, encodeWorkdays(past.workdays), past.start, past.end]);
  }
  return Object.keys(rest).length > 0 ? rest : null;
}

export function encodeMember(member: Member): string {
  const flags = (member.active ? 0 : FLAG_INACTIVE) | (member.hasBand ? FLAG_BAND : 0) | (member.timezoneAssumed ? FLAG_TIMEZONE_ASSUMED : 0);
  const stored: StoredMemberV2 = [member.displayName, member.schedule.timezone, member.createdAt / 1000];
  const rest = encodeRest(member);
  if (flags !== 0 || rest !== null) stored.push(flags);
  if (rest !== null) stored.push(rest);
  return JSON.stringify(stored);
}

/** The fields both versions keep the same way, from version 2's rest or a version 1 record. */
type OptionalFields = Pick<
  Member,
  'pausedUntil' | 'inactiveSpans' | 'teamIds' | 'recentChallengeIds' | 'snoozedPromptId' | 'snoozeUntil' | 'meetings' | 'holidays' | 'heldFor' | 'address' | 'avoidTags' | 'excusedDays' | 'pastSchedules'
>;

function optionalFields(stored: StoredRest, tenantPrefix: string): OptionalFields {
  const spans: InactiveSpan[] = (stored.x ?? []).map(([from, to, reason]) => (reason === undefined ? { from, to } : { from, to, reason }));
  return {
    ...(stored.y === undefined ? {} : { excusedDays: stored.y }),
    ...(stored.o === undefined
      ? {}
      : { pastSchedules: stored.o.map(([until, timezone, workdays, start, end]) => ({ until, timezone, workdays: decodeWorkdays(workdays), start, end })) }),
    pausedUntil: stored.p ?? null,
    inactiveSpans: spans,
    teamIds: (stored.t ?? []).map((teamId) => decodeTeamId(teamId, tenantPrefix)),
    recentChallengeIds: stored.r ?? [],
    snoozedPromptId: stored.q ?? null,
    snoozeUntil: stored.u ?? null,
    meetings: stored.m === 1 ? 'ignore' : 'hold',
    holidays: stored.h ?? null,
    ...(stored.k === undefined ? {} : { heldFor: stored.k }),
    address: stored.d ?? {},
    avoidTags: stored.v ?? [],
  };
}

function decodeV2(id: string, platform: Member['platform'], tenantId: string, stored: StoredMemberV2): Member {
  const [displayName, timezone, createdAtSeconds, flags = 0, rest = {}] = stored;
  return {
    id,
    platform,
    tenantId,
    displayName,
    schedule: {
      timezone,
      workdays: decodeWorkdays(rest.w ?? CODEC_SCHEDULE_DEFAULTS.workdays),
      start: rest.f ?? CODEC_SCHEDULE_DEFAULTS.start,
      end: rest.e ?? CODEC_SCHEDULE_DEFAULTS.end,
      intervalMinutes: rest.i ?? CODEC_SCHEDULE_DEFAULTS.intervalMinutes,
    },
    hasBand: (flags & FLAG_BAND) !== 0,
    active: (flags & FLAG_INACTIVE) === 0,
    ...((flags & FLAG_TIMEZONE_ASSUMED) !== 0 ? { timezoneAssumed: true } : {}),
    ...optionalFields(rest, `${platform}:${tenantId}:`),
    // Seconds with a fraction back to whole ms: the rounding undoes the division's last-bit error.
    createdAt: Math.round(createdAtSeconds * 1000),
  };
}

function decodeV1(id: string, platform: Member['platform'], tenantId: string, stored: StoredMemberV1): Member {
  const [timezone, workdays, start, end, intervalMinutes] = stored.s;
  return {
    id,
    platform,
    tenantId,
    displayName: stored.n,
    schedule: { timezone, workdays: decodeWorkdays(workdays), start, end, intervalMinutes },
    hasBand: stored.b === 1,
    active: stored.a === 1,
    ...optionalFields(stored, `${platform}:${tenantId}:`),
    createdAt: stored.c,
  };
}

export function decodeMember(id: string, platform: Member['platform'], tenantId: string, text: string): Member {
  const stored = JSON.parse(text) as StoredMemberV2 | StoredMemberV1;
  return Array.isArray(stored) ? decodeV2(id, platform, tenantId, stored) : decodeV1(id, platform, tenantId, stored);
}
