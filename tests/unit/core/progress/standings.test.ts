import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastCompletedWorkday, memberStanding, rankBoard } from '../../../../src/core/progress/standings.ts';
import { dayStartMs, localDay } from '../../../../src/core/schedule/calendar.ts';
import type { InactiveSpan } from '../../../../src/core/model.ts';
import { MAX_DAYS_BACK, memberStreak, streakAliveUntil } from '../../../../src/core/progress/streaks.ts';

const MON_FRI = [1, 2, 3, 4, 5];
const ZONE = 'Europe/Berlin';
const DAY_MS = 86_400_000;

function aliveUntil(lastCompletedDay: string, extra: { inactiveSpans?: InactiveSpan[]; workdays?: number[]; timezone?: string } = {}): string {
  const at = streakAliveUntil({
    lastCompletedDay,
    workdays: extra.workdays ?? MON_FRI,
    timezone: extra.timezone ?? ZONE,
    inactiveSpans: extra.inactiveSpans ?? [],
  });
  return new Date(at).toISOString();
}

describe('when a streak breaks', () => {
  it('at the end of the next workday: that day may still be done, so it breaks at midnight after it', () => {
    // Tuesday 2026-06-09 done: Wednesday is the next workday, so the streak holds until Thursday 00:00 Berlin.
    expect(aliveUntil('2026-06-09')).toBe('2026-06-10T22:00:00.000Z');
  });

  it('a weekend in between does not break it: Friday holds until the end of Monday', () => {
    expect(aliveUntil('2026-06-05')).toBe('2026-06-08T22:00:00.000Z');
  });

  it('a workday paused for most of its window does not break it either', () => {
    // 09:00-16:00 Berlin of the default 09:00-17:00 window.
    const pause: InactiveSpan = { from: Date.parse('2026-06-10T07:00:00Z'), to: Date.parse('2026-06-10T14:00:00Z') };
    expect(aliveUntil('2026-06-09', { inactiveSpans: [pause] })).toBe('2026-06-11T22:00:00.000Z');
  });

  it('a workday paused for a small part of its window still breaks it (issue 11: excused means most of the window)', () => {
    const pause: InactiveSpan = { from: Date.parse('2026-06-10T07:00:00Z'), to: Date.parse('2026-06-10T09:00:00Z') };
    expect(aliveUntil('2026-06-09', { inactiveSpans: [pause] })).toBe('2026-06-10T22:00:00.000Z');
  });

  it("follows the member's zone across a clock change", () => {
    // Berlin leaves summer time on Sunday 2026-10-25: Monday 26th ends at 23:00 UTC, not 22:00.
    expect(aliveUntil('2026-10-23')).toBe('2026-10-26T23:00:00.000Z');
    expect(aliveUntil('2026-06-09', { timezone: 'Pacific/Auckland' })).toBe('2026-06-10T12:00:00.000Z');
  });

  it(`a stop still in force holds it as long as a streak is ever counted back (${MAX_DAYS_BACK} days)`, () => {
    const stopped: InactiveSpan = { from: Date.parse('2026-06-10T07:00:00Z'), to: null };
    const at = streakAliveUntil({ lastCompletedDay: '2026-06-09', workdays: MON_FRI, timezone: ZONE, inactiveSpans: [stopped] });
    const days = { '2026-06-09': 1 };
    const input = { days, workdays: MON_FRI, timezone: ZONE, inactiveSpans: [stopped] };
    expect(memberStreak({ ...input, now: at - 1 })).toBe(1);
    expect(memberStreak({ ...input, now: at })).toBe(0);
  });

  // For random completions, pauses, zones, workdays and instants: the stored instant says exactly what memberStreak says.
  it('a streak is above 0 exactly until the instant computed from its last completed workday', () => {
    const base = Date.parse('2026-03-02T00:00:00Z');
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland', 'Australia/Lord_Howe'];
    const span = fc
      .record({ fromHours: fc.integer({ min: 0, max: 70 * 24 }), lengthHours: fc.option(fc.integer({ min: 1, max: 10 * 24 }), { nil: null }) })
      .map(({ fromHours, lengthHours }): InactiveSpan => {
        const from = base + fromHours * 3600_000;
        return { from, to: lengthHours === null ? null : from + lengthHours * 3600_000 };
      });
    const scenario = fc.record({
      timezone: fc.constantFrom(...zones),
      workdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      doneDays: fc.uniqueArray(fc.integer({ min: 0, max: 70 }), { maxLength: 40 }),
      spans: fc.array(span, { maxLength: 3 }),
      nowMinutes: fc.integer({ min: 0, max: 80 * 24 * 60 }),
    });
    fc.assert(
      fc.property(scenario, ({ timezone, workdays, doneDays, spans, nowMinutes }) => {
        const days: Record<string, number> = {};
        for (const offset of doneDays) days[localDay(base + offset * DAY_MS + 12 * 3600_000, timezone)] = 1;
        const now = base + nowMinutes * 60_000;
        const streak = memberStreak({ days, workdays, timezone, inactiveSpans: spans, now });
        const last = lastCompletedWorkday(days, workdays, localDay(now, timezone));
        if (last === null) {
          expect(streak).toBe(0);
          return;
        }
        const until = streakAliveUntil({ lastCompletedDay: last, workdays, timezone, inactiveSpans: spans });
        expect(streak > 0).toBe(now < until);
        expect(memberStanding({ days, workdays, timezone, inactiveSpans: spans, now })).toEqual({ streak, aliveUntil: streak > 0 ? until : null });
      }),
      { seed: 20261125, numRuns: 400 },
    );
  });
});

describe('last completed workday', () => {
  it('is the newest workday with a completion, not a day off and not a day after today', () => {
    const days = { '2026-06-05': 2, '2026-06-06': 1, '2026-06-08': 0, '2026-06-11': 1 };
    expect(lastCompletedWorkday(days, MON_FRI, '2026-06-10')).toBe('2026-06-05');
    expect(lastCompletedWorkday(days, MON_FRI, '2026-06-11')).toBe('2026-06-11');
    expect(lastCompletedWorkday({ '2026-06-06': 1 }, MON_FRI, '2026-06-10')).toBeNull();
  });
});

describe('member standing', () => {
  it('a member with no completion has no streak and nothing to lapse', () => {
    expect(memberStanding({ days: {}, workdays: MON_FRI, timezone: ZONE, inactiveSpans: [], now: Date.parse('2026-06-10T10:00:00Z') })).toEqual({
      streak: 0,
      aliveUntil: null,
    });
  });

  it('a streak done today lapses at the end of the next workday', () => {
    const now = Date.parse('2026-06-10T10:00:00Z');
    const standing = memberStanding({ days: { '2026-06-09': 1, '2026-06-10': 1 }, workdays: MON_FRI, timezone: ZONE, inactiveSpans: [], now });
    expect(standing).toEqual({ streak: 2, aliveUntil: dayStartMs('2026-06-12', ZONE) });
  });
});

describe('board order', () => {
  it('ranks by streak, then points, ties by member id sharing a rank', () => {
    const rows = rankBoard([
      { memberId: 'm-c', streak: 2, weekPoints: 3 },
      { memberId: 'm-a', streak: 5, weekPoints: 1 },
      { memberId: 'm-b', streak: 2, weekPoints: 3 },
      { memberId: 'm-d', streak: 2, weekPoints: 4 },
      { memberId: 'm-e', streak: 0, weekPoints: 9 },
    ]);
    expect(rows.map((row) => [row.memberId, row.rank])).toEqual([
      ['m-a', 1],
      ['m-d', 2],
      ['m-b', 3],
      ['m-c', 3],
      ['m-e', 5],
    ]);
  });
});
