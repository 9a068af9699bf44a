import { describe, expect, it } from 'vitest';
import type { InactiveSpan, TeamDay } from '../../../../src/core/model.ts';
import { MAX_DAYS_BACK, memberStreak, teamStreak } from '../../../../src/core/progress/streaks.ts';

// Wednesday 2026-06-10, 15:00 in Berlin (UTC+2). Mon 06-08, Tue 06-09; the week before: Wed 06-03 .. Sun 06-07.
const NOW = Date.parse('2026-06-10T13:00:00Z');
const MON_FRI = [1, 2, 3, 4, 5];
const ZONE = 'Europe/Berlin';

function streakOf(days: Record<string, number>, extra: { inactiveSpans?: InactiveSpan[]; workdays?: number[]; timezone?: string; now?: number; since?: number } = {}): number {
  return memberStreak({
    days,
    workdays: extra.workdays ?? MON_FRI,
    timezone: extra.timezone ?? ZONE,
    inactiveSpans: extra.inactiveSpans ?? [],
    now: extra.now ?? NOW,
    ...(extra.since === undefined ? {} : { since: extra.since }),
  });
}

describe('personal streak', () => {
  it('counts today once it has a completion', () => {
    expect(streakOf({ '2026-06-08': 1, '2026-06-09': 2, '2026-06-10': 1 })).toBe(3);
  });

  it('is not broken by today having no completion yet', () => {
    expect(streakOf({ '2026-06-08': 1, '2026-06-09': 1 })).toBe(2);
  });

  it('skips the weekend without breaking', () => {
    expect(streakOf({ '2026-06-05': 1, '2026-06-08': 1, '2026-06-09': 1 })).toBe(3);
  });

  it('is broken by a missed workday', () => {
    expect(streakOf({ '2026-06-04': 1, '2026-06-08': 1, '2026-06-09': 1 })).toBe(2);
  });

  it('is zero when yesterday was a missed workday and today has nothing yet', () => {
    expect(streakOf({ '2026-06-08': 1 })).toBe(0);
  });

  it('does not add a completion on a day off, nor let it stand in for a missed workday', () => {
    // Saturday's break does not count, and Friday with none still breaks the run.
    expect(streakOf({ '2026-06-04': 1, '2026-06-06': 1, '2026-06-08': 1, '2026-06-09': 1 })).toBe(2);
    // With Friday done too, Saturday still adds nothing.
    expect(streakOf({ '2026-06-05': 1, '2026-06-06': 1, '2026-06-08': 1, '2026-06-09': 1 })).toBe(3);
  });

  it("follows the member's own workdays", () => {
    // Sunday to Thursday: Friday and Saturday are days off, Sunday counts.
    expect(streakOf({ '2026-06-04': 1, '2026-06-07': 1, '2026-06-08': 1, '2026-06-09': 1 }, { workdays: [7, 1, 2, 3, 4] })).toBe(4);
    expect(streakOf({ '2026-06-04': 1, '2026-06-08': 1, '2026-06-09': 1 }, { workdays: [7, 1, 2, 3, 4] })).toBe(2);
  });

  it('skips a paused workday without a completion', () => {
    // Paused from Thursday evening to Saturday: Friday is skipped, Thursday still joins the run.
    const pause: InactiveSpan = { from: Date.parse('2026-06-04T16:00:00Z'), to: Date.parse('2026-06-06T08:00:00Z') };
    expect(streakOf({ '2026-06-04': 1, '2026-06-08': 1, '2026-06-09': 1 }, { inactiveSpans: [pause] })).toBe(3);
    expect(streakOf({ '2026-06-04': 1, '2026-06-08': 1, '2026-06-09': 1 })).toBe(2);
  });

  it('counts a paused workday that has a completion', () => {
    const pause: InactiveSpan = { from: Date.parse('2026-06-05T12:00:00Z'), to: Date.parse('2026-06-05T14:00:00Z') };
    expect(streakOf({ '2026-06-05': 1, '2026-06-08': 1, '2026-06-09': 1 }, { inactiveSpans: [pause] })).toBe(3);
  });

  it('treats every day since a stop that is still in force as paused', () => {
    const stopped: InactiveSpan = { from: Date.parse('2026-06-06T10:00:00Z'), to: null };
    expect(streakOf({ '2026-06-04': 1, '2026-06-05': 1 }, { inactiveSpans: [stopped] })).toBe(2);
  });

  it('is not saved by a pause on a different day', () => {
    const pause: InactiveSpan = { from: Date.parse('2026-06-02T08:00:00Z'), to: Date.parse('2026-06-02T12:00:00Z') };
    expect(streakOf({ '2026-06-04': 1, '2026-06-08': 1, '2026-06-09': 1 }, { inactiveSpans: [pause] })).toBe(2);
  });

  it("reads today in the member's own time zone", () => {
    // 23:30 UTC on Wednesday is already Thursday 11:30 in Auckland.
    const now = Date.parse('2026-06-10T23:30:00Z');
    expect(streakOf({ '2026-06-11': 1 }, { timezone: 'Pacific/Auckland', now })).toBe(1);
    expect(streakOf({ '2026-06-11': 1 }, { timezone: 'UTC', now })).toBe(0);
  });

  it('never counts days before the member was created', () => {
    const since = Date.parse('2026-06-09T07:00:00Z');
    expect(streakOf({ '2026-06-05': 1, '2026-06-08': 1, '2026-06-09': 1, '2026-06-10': 1 }, { since })).toBe(2);
  });

  it(`looks back at most ${MAX_DAYS_BACK} days`, () => {
    const days: Record<string, number> = {};
    for (let i = 0; i < 500; i += 1) days[new Date(NOW - i * 86_400_000).toISOString().slice(0, 10)] = 1;
    expect(streakOf(days, { workdays: [1, 2, 3, 4, 5, 6, 7] })).toBe(MAX_DAYS_BACK);
  });
});

describe('team streak', () => {
  const good: TeamDay = { completers: 2, activeMembers: 4 };
  const poor: TeamDay = { completers: 1, activeMembers: 3 };

  function teamOf(days: Record<string, TeamDay>): number {
    return teamStreak({ days, workdays: MON_FRI, timezone: ZONE, now: NOW });
  }

  it('counts workdays on which at least half of the active members completed', () => {
    expect(teamOf({ '2026-06-05': good, '2026-06-08': good, '2026-06-09': { completers: 3, activeMembers: 3 } })).toBe(3);
  });

  it('a public holiday of the team\'s calendar is left out like a day off, never a break', () => {
    // Friday 5 and Tuesday 9 June qualify; Monday 8 had nobody (a holiday for this team).
    const days = { '2026-06-05': good, '2026-06-09': good };
    expect(teamStreak({ days, workdays: MON_FRI, timezone: ZONE, now: NOW, isHoliday: (day) => day === '2026-06-08' })).toBe(2);
    expect(teamOf(days)).toBe(1);
  });

  it('is broken by a workday on which fewer than half completed', () => {
    expect(teamOf({ '2026-06-05': good, '2026-06-08': poor, '2026-06-09': good })).toBe(1);
  });

  it('is broken by a workday with no record at all', () => {
    expect(teamOf({ '2026-06-04': good, '2026-06-08': good, '2026-06-09': good })).toBe(2);
  });

  it('counts today once it qualifies and is not broken by today so far', () => {
    expect(teamOf({ '2026-06-09': good, '2026-06-10': good })).toBe(2);
    expect(teamOf({ '2026-06-09': good, '2026-06-10': poor })).toBe(1);
  });

  it('skips team days off, even with completions on them', () => {
    expect(teamOf({ '2026-06-05': good, '2026-06-06': good, '2026-06-08': good, '2026-06-09': good })).toBe(3);
  });

  it('does not count a day with no active members', () => {
    expect(teamOf({ '2026-06-08': good, '2026-06-09': { completers: 0, activeMembers: 0 } })).toBe(0);
  });
});
