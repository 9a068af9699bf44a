// Past days keep the verdict they had: old excuses do not run out, and settings changes do not rewrite history.
import { describe, expect, it } from 'vitest';
import { makeCore } from '../../../helpers/core-fixture.ts';
import { isoWeekday } from '../../../../src/core/schedule/calendar.ts';

const ADA = 'web:local:ada';
const at = (iso: string) => Date.parse(iso);

async function ada(startIso: string) {
  const core = makeCore(startIso);
  await core.service.enrol({ memberId: ADA, displayName: 'ada', timezone: 'UTC' });
  await core.service.start(ADA);
  return core;
}

async function doneNow(core: ReturnType<typeof makeCore>) {
  const { prompt } = await core.service.promptNow(ADA);
  await core.service.click(prompt.id, ADA, { kind: 'done' });
}

/** Every UTC date from `first` to `last` inclusive. */
function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let t = at(`${first}T00:00:00Z`); t <= at(`${last}T00:00:00Z`); t += 86_400_000) dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
}

describe('settings changes apply from the day they are made', () => {
  it('a missed Wednesday stays missed after "days mon,tue,thu,fri"', async () => {
    const core = await ada('2026-11-30T10:00:00Z'); // Monday
    await doneNow(core);
    core.clock.set('2026-12-01T10:00:00Z');
    await doneNow(core);
    // Wednesday: nothing. Thursday: Wednesday is dropped from the workdays, and a break done.
    core.clock.set('2026-12-03T10:00:00Z');
    await core.service.updateSettings(ADA, { workdays: [1, 2, 4, 5] });
    await doneNow(core);
    expect((await core.service.stats(ADA)).streak).toBe(1);
    // From now on Wednesday is a day off: the next week's Wednesday without a break breaks nothing.
    for (const day of ['2026-12-04', '2026-12-07', '2026-12-08', '2026-12-10']) {
      core.clock.set(`${day}T10:00:00Z`);
      await doneNow(core);
    }
    expect((await core.service.stats(ADA)).streak).toBe(5);
  });

  it('a later window does not turn a day that was excused back into a break', async () => {
    const core = await ada('2026-11-30T10:00:00Z');
    await doneNow(core);
    // Tuesday 12:00-17:00 paused: most of the 09:00-17:00 window.
    core.clock.set('2026-12-01T12:00:00Z');
    await core.service.pause(ADA, at('2026-12-01T17:00:00Z'));
    core.clock.set('2026-12-02T10:00:00Z');
    await core.service.updateSettings(ADA, { start: '06:00', end: '20:00' });
    await doneNow(core);
    expect((await core.service.stats(ADA)).streak).toBe(2);
  });
});

describe('old excuses are kept for as long as the streak looks back', () => {
  it('a long streak with a paused week does not collapse after many later pauses', async () => {
    const core = await ada('2026-11-02T10:00:00Z'); // Monday
    let workdaysDone = 0;
    // Every workday for twelve weeks: a break done and a short pause (55 pauses in all), except the week of
    // 9 November, paused whole from the Friday evening before.
    for (const day of datesBetween('2026-11-02', '2027-01-22')) {
      if (isoWeekday(day) > 5 || (day >= '2026-11-09' && day <= '2026-11-13')) continue;
      core.clock.set(`${day}T10:00:00Z`);
      await doneNow(core);
      workdaysDone += 1;
      await core.service.pause(ADA, at(`${day}T10:15:00Z`));
      if (day === '2026-11-06') {
        core.clock.set('2026-11-06T18:00:00Z');
        await core.service.pause(ADA, at('2026-11-16T06:00:00Z'));
      }
    }
    expect(workdaysDone).toBe(55);
    expect((await core.service.stats(ADA)).streak).toBe(55);
    // The record stays compact: settled pauses are gone, the paused week is five dates.
    const member = await core.store.getMember(ADA);
    expect(member?.excusedDays).toEqual(['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13']);
    expect(member?.inactiveSpans.length).toBeLessThanOrEqual(1);
  });
});
