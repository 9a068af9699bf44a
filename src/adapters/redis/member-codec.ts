// A member as one compact JSON string: short field names, defaults left out, no id/platform/tenant (the key holds
// them) and team ids of the member's own tenant without the tenant. Keeps an enrolled member at a few hundred bytes.
// Records without "v" are version 1; a change of shape adds "v": 2 and keeps reading version 1.
import type { InactiveSpan, Member } from '../../core/index.ts';

interface StoredMember {
  /** displayName */
  n: string;
  /** schedule: timezone, workdays (ISO weekdays as digits, "12345", or else the array), start, end, intervalMinutes */
  s: [string, string | number[], string, string, number];
  /** createdAt */
  c: number;
  /** hasBand, only when true */
  b?: 1;
  /** active, only when true */
  a?: 1;
  /** pausedUntil */
  p?: number;
  /** inactiveSpans as [from, to] */
  x?: Array<[number, number | null]>;
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

export function encodeMember(member: Member): string {
  const { schedule } = member;
  const tenantPrefix = `${member.platform}:${member.tenantId}:`;
  const stored: StoredMember = {
    n: member.displayName,
    s: [schedule.timezone, encodeWorkdays(schedule.workdays), schedule.start, schedule.end, schedule.intervalMinutes],
    c: member.createdAt,
  };
  if (member.hasBand) stored.b = 1;
  if (member.active) stored.a = 1;
  if (member.pausedUntil !== null) stored.p = member.pausedUntil;
  if (member.inactiveSpans.length > 0) stored.x = member.inactiveSpans.map((span) => [span.from, span.to]);
  if (member.teamIds.length > 0) stored.t = member.teamIds.map((teamId) => encodeTeamId(teamId, tenantPrefix));
  if (member.recentChallengeIds.length > 0) stored.r = member.recentChallengeIds;
  if (member.snoozedPromptId !== null) stored.q = member.snoozedPromptId;
  if (member.snoozeUntil !== null) stored.u = member.snoozeUntil;
  if (Object.keys(member.address).length > 0) stored.d = member.address;
  return JSON.stringify(stored);
}

export function decodeMember(id: string, platform: Member['platform'], tenantId: string, text: string): Member {
  const stored = JSON.parse(text) as StoredMember;
  const [timezone, workdays, start, end, intervalMinutes] = stored.s;
  const tenantPrefix = `${platform}:${tenantId}:`;
  const spans: InactiveSpan[] = (stored.x ?? []).map(([from, to]) => ({ from, to }));
  return {
    id,
    platform,
    tenantId,
    displayName: stored.n,
    schedule: { timezone, workdays: decodeWorkdays(workdays), start, end, intervalMinutes },
    hasBand: stored.b === 1,
    active: stored.a === 1,
    pausedUntil: stored.p ?? null,
    inactiveSpans: spans,
    teamIds: (stored.t ?? []).map((teamId) => decodeTeamId(teamId, tenantPrefix)),
    recentChallengeIds: stored.r ?? [],
    snoozedPromptId: stored.q ?? null,
    snoozeUntil: stored.u ?? null,
    address: stored.d ?? {},
    createdAt: stored.c,
  };
}
