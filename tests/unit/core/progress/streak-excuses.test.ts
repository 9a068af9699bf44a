// Excused days through the whole core: what a member who games the rules, or one who is truly away, sees.
import { handleOne } from '../../../helpers/handle-one.ts';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../../../helpers/core-fixture.ts';

const ADA = 'web:local:ada';
const at = (iso: string) => Date.parse(iso);

/** Ada in Berlin (UTC+1 in December), 09:00-18:00 Mon-Fri, hourly; she completes Monday's first prompt. */
async function adaWithMondayDone(reachableAt?: (slotAt: number) => number | null) {
  const core = makeCore('2026-11-30T07:00:00Z'); // Monday 08:00 Berlin
  if (reachableAt) {
    const base = core.messenger;
    core.service.registerMessenger({
      platform: 'web',
      sendPrompt: (member, view) => base.sendPrompt(member, view),
      sendTeamPrompt: (team, view) => base.sendTeamPrompt(team, view),
      sendDigest: (team, view) => base.sendDigest(team, view),
      reachability: async (queries) =>
        queries.map(({ slotAt }) => {
          const until = reachableAt(slotAt);
          return until === null ? null : { reason: 'dnd', until };
        }),
    });
  }
  await core.service.enrol({ memberId: ADA, displayName: 'ada', timezone: 'Europe/Berlin' });
  await core.service.start(ADA);
  await core.service.updateSettings(ADA, { start: '09:00', end: '18:00' });
  let due = (await core.store.getDue(ADA)) as number;
  core.clock.t = due;
  due = (await handleOne(core.service, ADA, due)) as number;
  const first = core.messenger.prompts[0];
  if (!first) throw new Error('no prompt on Monday');
  await core.service.click(first.view.promptId, ADA, { kind: 'done' });
  return { core, due };
}

/** Runs the scheduler for the member until `untilIso`, doing nothing with the prompts. */
async function runUntil(core: ReturnType<typeof makeCore>, due: number, untilIso: string): Promise<number> {
  let next: number | null = due;
  while (next !== null && next < at(untilIso)) {
    core.clock.t = next;
    next = await handleOne(core.service, ADA, next);
  }
  core.clock.set(untilIso);
  return next ?? Number.POSITIVE_INFINITY;
}

describe('excused days cannot be gamed', () => {
  it('Do Not Disturb from 16:30 to 08:30 every day does not keep a streak alive without exercise', async () => {
    // DND 16:30-08:30 Berlin = 15:30-07:30 UTC: the 17:00 slot is skipped every day.
    const dndEnd = (slotAt: number): number | null => {
      const minuteOfDayUtc = new Date(slotAt).getUTCHours() * 60 + new Date(slotAt).getUTCMinutes();
      if (minuteOfDayUtc < 15 * 60 + 30) return null;
      const end = new Date(slotAt);
      end.setUTCDate(end.getUTCDate() + 1);
      end.setUTCHours(7, 30, 0, 0);
      return end.getTime();
    };
    const { core, due } = await adaWithMondayDone(dndEnd);
    await runUntil(core, due, '2026-12-03T12:00:00Z'); // Thursday noon: Tuesday and Wednesday went by with nothing
    // Each skipped 17:00 slot counts as unreachable only until the window closes at 18:00 Berlin (17:00 UTC).
    const spans = (await core.store.getMember(ADA))?.inactiveSpans ?? [];
    expect(spans.length).toBeGreaterThan(0);
    expect(spans.every((span) => span.to !== null && new Date(span.to).getUTCHours() === 17 && new Date(span.to).getUTCMinutes() === 0)).toBe(true);
    expect((await core.service.stats(ADA)).streak).toBe(0);
  });

  it('a daily "pause 15m" does not keep a streak alive without exercise', async () => {
    const { core, due } = await adaWithMondayDone();
    let next = due;
    for (const day of ['2026-12-01', '2026-12-02', '2026-12-03']) {
      next = await runUntil(core, next, `${day}T09:00:00Z`);
      await core.service.pause(ADA, at(`${day}T09:15:00Z`));
      next = (await core.store.getDue(ADA)) as number;
    }
    await runUntil(core, next, '2026-12-03T12:00:00Z');
    expect((await core.service.stats(ADA)).streak).toBe(0);
  });

  it('a member paused for a whole week keeps their streak across it', async () => {
    const { core } = await adaWithMondayDone();
    // From Tuesday before work to the next Monday before work, then a break done that Monday.
    core.clock.set('2026-12-01T06:00:00Z');
    await core.service.pause(ADA, at('2026-12-07T06:00:00Z'));
    core.clock.set('2026-12-07T10:00:00Z');
    const { prompt } = await core.service.promptNow(ADA);
    await core.service.click(prompt.id, ADA, { kind: 'done' });
    expect((await core.service.stats(ADA)).streak).toBe(2);
  });
});
