import { handleOne } from '../../../helpers/handle-one.ts';
import { describe, expect, it } from 'vitest';
import { NotEnrolledError } from '../../../../src/core/index.ts';
import { makeCore } from '../../../helpers/core-fixture.ts';

const ADA = 'web:local:ada';

describe('members: opt-in, schedule, pause, stop and forget', () => {
  it('nobody gets prompts before they start them', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    await core.service.enrol({ memberId: ADA, displayName: 'Ada', timezone: 'Europe/Berlin' });
    expect(await core.store.getDue(ADA)).toBeNull();
    const { nextAt } = await core.service.start(ADA);
    // 09:00 Berlin (UTC+1) on a Wednesday: first slot 10:00 local.
    expect(new Date(nextAt ?? 0).toISOString()).toBe('2026-11-25T09:00:00.000Z');
    expect(await core.store.getDue(ADA)).toBe(nextAt);
  });

  it('takes the platform time zone for a new member and keeps the member\'s own choice afterwards', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    await core.service.enrol({ memberId: ADA, displayName: 'Ada', timezone: 'Asia/Kolkata' });
    await core.service.updateSettings(ADA, { timezone: 'America/New_York' });
    const again = await core.service.enrol({ memberId: ADA, displayName: 'Ada', timezone: 'Asia/Kolkata' });
    expect(again.schedule.timezone).toBe('America/New_York');
  });

  it('refuses a bad setting with a readable message and changes nothing', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    await core.service.enrol({ memberId: ADA, displayName: 'Ada', timezone: 'Europe/Berlin' });
    await expect(core.service.updateSettings(ADA, { start: '17:00', end: '09:00' })).rejects.toThrow(/end after it starts/);
    await expect(core.service.updateSettings(ADA, { intervalMinutes: 5 })).rejects.toThrow(/15/);
    await expect(core.service.updateSettings(ADA, { timezone: 'Mars/Base' })).rejects.toThrow(/Mars\/Base/);
    const member = await core.service.getMember(ADA);
    expect(member?.schedule).toMatchObject({ start: '09:00', end: '17:00', intervalMinutes: 60, timezone: 'Europe/Berlin' });
  });

  it('a pause moves the next prompt past its end, and resume brings it back', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    await core.service.enrol({ memberId: ADA, displayName: 'Ada', timezone: 'UTC' });
    await core.service.start(ADA);
    const until = Date.parse('2026-11-26T12:30:00Z');
    const { nextAt } = await core.service.pause(ADA, until);
    expect(new Date(nextAt ?? 0).toISOString()).toBe('2026-11-26T13:00:00.000Z');
    const resumed = await core.service.resume(ADA);
    expect(new Date(resumed.nextAt ?? 0).toISOString()).toBe('2026-11-25T10:00:00.000Z');
  });

  it('stop removes the member from the due index and start puts them back', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    await core.service.enrol({ memberId: ADA, displayName: 'Ada', timezone: 'UTC' });
    await core.service.start(ADA);
    await core.service.stop(ADA);
    expect(await core.store.getDue(ADA)).toBeNull();
    expect(await handleOne(core.service, ADA, core.clock.t)).toBeNull();
    await core.service.start(ADA);
    expect(await core.store.getDue(ADA)).not.toBeNull();
  });

  it('forget-me deletes everything about the member', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    await core.service.enrol({ memberId: ADA, displayName: 'Ada', timezone: 'UTC' });
    await core.service.start(ADA);
    const team = await core.service.ensureTeam({ teamId: 'web:local:design', name: 'Design', timezone: 'UTC' });
    await core.service.joinTeam(ADA, team.id);
    const { prompt } = await core.service.promptNow(ADA);
    await core.service.click(prompt.id, ADA, { kind: 'done' });
    await core.service.forget(ADA);
    expect(await core.service.getMember(ADA)).toBeNull();
    expect(await core.store.getDue(ADA)).toBeNull();
    expect(await core.store.getPrompt(prompt.id)).toBeNull();
    expect(await core.store.teamMemberIds(team.id)).toEqual([]);
    expect((await core.service.leaderboard(team.id, null)).rows).toEqual([]);
    await expect(core.service.stats(ADA)).rejects.toBeInstanceOf(NotEnrolledError);
    expect((await core.store.getActivity(ADA)).totalPoints).toBe(0);
  });
});
