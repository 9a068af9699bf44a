// Field names of the counter hashes (member activity, team days, team totals) and how to read them back.
import type { MemberActivity, TeamDay, TeamTotals } from '../../core/index.ts';

export const ACTIVITY = { totalPoints: 'tp', totalCompletions: 'tc', promptsSent: 'ps' } as const;
export const TEAM_TOTALS = { promptsSent: 'ps', completions: 'c' } as const;

export const dayField = (day: string): string => `d:${day}`;
export const weekField = (weekKey: string): string => `w:${weekKey}`;
/** Points earned that local day (all, and from on-demand breaks): the caps' counters, not part of MemberActivity. */
export const dayPointsField = (day: string): string => `p:${day}`;
export const onDemandPointsField = (day: string): string => `o:${day}`;
export const teamCompletersField = (day: string): string => `c:${day}`;
export const teamActiveField = (day: string): string => `a:${day}`;

function count(value: string | undefined): number {
  return value === undefined ? 0 : Number(value);
}

/** A hash as a Lua script returns HGETALL (field, value, field, value, ...), as ioredis's hgetall gives it. */
export function hashOfPairs(flat: readonly string[]): Record<string, string> {
  const hash: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) hash[flat[i] as string] = flat[i + 1] as string;
  return hash;
}

export function readActivity(hash: Record<string, string>): MemberActivity {
  const activity: MemberActivity = {
    days: {},
    weekPoints: {},
    totalPoints: count(hash[ACTIVITY.totalPoints]),
    totalCompletions: count(hash[ACTIVITY.totalCompletions]),
    promptsSent: count(hash[ACTIVITY.promptsSent]),
  };
  for (const [field, value] of Object.entries(hash)) {
    if (field.startsWith('d:')) activity.days[field.slice(2)] = Number(value);
    else if (field.startsWith('w:')) activity.weekPoints[field.slice(2)] = Number(value);
  }
  return activity;
}

export function readTeamDays(hash: Record<string, string>): Record<string, TeamDay> {
  const days: Record<string, TeamDay> = {};
  for (const [field, value] of Object.entries(hash)) {
    const day = field.slice(2);
    const entry = (days[day] ??= { completers: 0, activeMembers: 0 });
    if (field.startsWith('c:')) entry.completers = Number(value);
    else if (field.startsWith('a:')) entry.activeMembers = Number(value);
  }
  return days;
}

/** The days a team has records for (to find its per-day completer sets). */
export function teamDayKeys(fields: string[]): string[] {
  return fields.filter((field) => field.startsWith('c:')).map((field) => field.slice(2));
}

export function readTeamTotals(hash: Record<string, string>): TeamTotals {
  return { promptsSent: count(hash[TEAM_TOTALS.promptsSent]), completions: count(hash[TEAM_TOTALS.completions]) };
}
