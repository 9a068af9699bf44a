import { handleOne } from '../../../helpers/handle-one.ts';
import { describe, expect, it } from 'vitest';
import { makeCore, sendSlotPrompt } from '../../../helpers/core-fixture.ts';

const ADA = 'web:local:ada';
const BOB = 'web:local:bob';

async function startedMember(core: ReturnType<typeof makeCore>, id: string, timezone = 'Europe/Berlin') {
  await core.service.enrol({ memberId: id, displayName: id.split(':')[2] ?? id, timezone });
  await core.service.start(id);
}

describe('Done, Snooze and Skip', () => {
  it('a Done click counts once and a second Done click adds no points', async () => {
    const core = makeCore('2026-11-25T10:05:00Z');
    await startedMember(core, ADA);
    const { prompt } = await core.service.promptNow(ADA);
    const first = await core.service.click(prompt.id, ADA, { kind: 'done' });
    const second = await core.service.click(prompt.id, ADA, { kind: 'done' });
    expect(first.outcome).toBe('done');
    expect(first.streak).toBe(1);
    expect(first.todayCount).toBe(1);
    expect(second.outcome).toBe('already-done');
    const stats = await core.service.stats(ADA);
    expect(stats.totalPoints).toBe(1);
    expect(stats.totalCompletions).toBe(1);
  });

  it('a click by someone other than the recipient records nothing and says so', async () => {
    const core = makeCore('2026-11-25T10:05:00Z');
    await startedMember(core, ADA);
    await startedMember(core, BOB);
    const { prompt } = await core.service.promptNow(ADA);
    const foreign = await core.service.click(prompt.id, BOB, { kind: 'done' });
    expect(foreign.outcome).toBe('not-yours');
    expect(foreign.message).toMatch(/someone else/);
    expect((await core.service.stats(ADA)).totalPoints).toBe(0);
    expect((await core.service.stats(BOB)).totalPoints).toBe(0);
  });

  it('a prompt can be completed until the end of the local day, then the click says it expired', async () => {
    const core = makeCore('2026-11-25T15:30:00Z'); // 16:30 in Berlin
    await startedMember(core, ADA);
    const { prompt } = await core.service.promptNow(ADA);
    core.clock.set('2026-11-25T22:59:00Z'); // 23:59 Berlin: still today
    const late = await core.service.promptNow(ADA);
    expect((await core.service.click(late.prompt.id, ADA, { kind: 'done' })).outcome).toBe('done');
    core.clock.set('2026-11-25T23:00:00Z'); // midnight Berlin
    const expired = await core.service.click(prompt.id, ADA, { kind: 'done' });
    expect(expired.outcome).toBe('expired');
    expect((await core.service.stats(ADA)).totalPoints).toBe(1);
  });

  it('caps points at 8 a day while still counting every completion', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    await startedMember(core, ADA);
    let last;
    // Scheduled breaks: "now" breaks have a lower cap of their own (on-demand-points.test.ts).
    for (let i = 0; i < 10; i += 1) {
      const { prompt } = await sendSlotPrompt(core, ADA);
      last = await core.service.click(prompt.id, ADA, { kind: 'done' });
      core.clock.advance(60_000);
    }
    expect(last?.todayCount).toBe(10);
    expect(last?.pointAwarded).toBe(false);
    const stats = await core.service.stats(ADA);
    expect(stats.totalPoints).toBe(8);
    expect(stats.totalCompletions).toBe(10);
  });

  it('a snoozed prompt comes back after the snooze and can then be done', async () => {
    const core = makeCore('2026-11-25T10:05:00Z');
    await startedMember(core, ADA);
    const { prompt } = await core.service.promptNow(ADA);
    const snoozed = await core.service.click(prompt.id, ADA, { kind: 'snooze', minutes: 10 });
    expect(snoozed.outcome).toBe('snoozed');
    expect(snoozed.snoozedUntil).toBe(core.clock.t + 10 * 60_000);
    expect(await core.store.getDue(ADA)).toBe(core.clock.t + 10 * 60_000);
    core.clock.advance(10 * 60_000);
    await handleOne(core.service, ADA, core.clock.t);
    const resent = core.messenger.prompts.filter((p) => p.view.promptId === prompt.id);
    expect(resent).toHaveLength(2);
    expect((await core.service.click(prompt.id, ADA, { kind: 'done' })).outcome).toBe('done');
  });

  it('refuses a snooze length other than 10, 30 or 60 minutes', async () => {
    const core = makeCore('2026-11-25T10:05:00Z');
    await startedMember(core, ADA);
    const { prompt } = await core.service.promptNow(ADA);
    await expect(core.service.click(prompt.id, ADA, { kind: 'snooze', minutes: 5 })).rejects.toThrow(/10, 30, 60/);
  });

  it('Skip closes the prompt and a second Skip says it was already closed', async () => {
    const core = makeCore('2026-11-25T10:05:00Z');
    await startedMember(core, ADA);
    const { prompt } = await core.service.promptNow(ADA);
    expect((await core.service.click(prompt.id, ADA, { kind: 'skip' })).outcome).toBe('skipped');
    expect((await core.service.click(prompt.id, ADA, { kind: 'skip' })).outcome).toBe('already-closed');
    expect((await core.service.stats(ADA)).totalPoints).toBe(0);
  });

  it('an unknown prompt id is reported as not found', async () => {
    const core = makeCore('2026-11-25T10:05:00Z');
    await startedMember(core, ADA);
    expect((await core.service.click('web:local:pnope', ADA, { kind: 'done' })).outcome).toBe('not-found');
  });
});
