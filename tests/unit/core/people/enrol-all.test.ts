import { describe, expect, it } from 'vitest';
import { activeRosterId } from '../../../../src/core/people/tenant-load.ts';
import { makeCore } from '../../../helpers/core-fixture.ts';

const ADA = 'web:local:ada';
const BOB = 'web:local:bob';
const CY = 'web:other:cy';

describe('enrolling many people at once (an install, an import)', () => {
  it('creates each new member as enrol would, not started, with no due entry', async () => {
    const core = makeCore('2026-11-25T08:00:00Z', { defaultTimezone: 'Europe/Berlin' });
    const result = await core.service.enrolAll(
      [{ memberId: ADA, displayName: 'Ada', timezone: 'Asia/Kolkata', address: { user: 'a' } }, { memberId: CY, displayName: 'Cy' }],
      { start: false },
    );
    expect(result).toEqual({ created: 2, existing: 0 });
    const single = makeCore('2026-11-25T08:00:00Z', { defaultTimezone: 'Europe/Berlin' });
    expect(await core.store.getMember(ADA)).toEqual(await single.service.enrol({ memberId: ADA, displayName: 'Ada', timezone: 'Asia/Kolkata', address: { user: 'a' } }));
    expect(await core.store.getMember(CY)).toMatchObject({ displayName: 'Cy', active: false, timezoneAssumed: true, schedule: { timezone: 'Europe/Berlin' } });
    expect(await core.store.getDue(ADA)).toBeNull();
    expect(await core.store.countTeamMembers(activeRosterId('web', 'local'))).toBe(0);
  });

  it('started: each new member is on, on its tenant\'s active roster and due at its first slot, as start would make it', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    await core.service.enrolAll([{ memberId: ADA, displayName: 'Ada', timezone: 'Europe/Berlin' }, { memberId: BOB, displayName: 'Bob', timezone: 'UTC' }, { memberId: CY, displayName: 'Cy', timezone: 'UTC' }], { start: true });
    expect(await core.store.getMember(ADA)).toMatchObject({ active: true });
    // 09:00 Berlin (UTC+1) on a Wednesday: first slot 10:00 local.
    expect(await core.store.getDue(ADA)).toBe(Date.parse('2026-11-25T09:00:00Z'));
    // 08:00 UTC: the first slot is an interval after 09:00, as for a member who says start.
    expect(await core.store.getDue(BOB)).toBe(Date.parse('2026-11-25T10:00:00Z'));
    expect(await core.store.teamMemberIds(activeRosterId('web', 'local'))).toEqual([ADA, BOB]);
    expect(await core.store.teamMemberIds(activeRosterId('web', 'other'))).toEqual([CY]);
  });

  it('leaves an existing member as enrol does: name and address refreshed, breaks and schedule untouched', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    await core.service.enrol({ memberId: ADA, displayName: 'Ada', timezone: 'UTC' });
    await core.service.updateSettings(ADA, { intervalMinutes: 30 });
    const stopped = await core.service.getMember(ADA);
    const result = await core.service.enrolAll([{ memberId: ADA, displayName: 'Ada L.', timezone: 'Asia/Kolkata', address: { user: 'a' } }], { start: true });
    expect(result).toEqual({ created: 0, existing: 1 });
    expect(await core.store.getMember(ADA)).toEqual({ ...stopped, displayName: 'Ada L.', address: { user: 'a' } });
    expect(await core.store.getDue(ADA)).toBeNull();
    expect(await core.store.countTeamMembers(activeRosterId('web', 'local'))).toBe(0);
  });

  it('run again after an interruption, schedules a started member the interruption left without a due entry', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    await core.service.enrolAll([{ memberId: ADA, displayName: 'Ada', timezone: 'UTC' }], { start: true });
    const due = await core.store.getDue(ADA);
    await core.store.clearDue(ADA);
    await core.service.enrolAll([{ memberId: ADA, displayName: 'Ada', timezone: 'UTC' }], { start: true });
    expect(await core.store.getDue(ADA)).toBe(due);
  });

  it('refuses the whole list, writing nothing, when an id is not valid', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    await expect(core.service.enrolAll([{ memberId: ADA, displayName: 'Ada' }, { memberId: 'nobody', displayName: 'X' }], { start: true })).rejects.toThrow(/nobody/);
    expect(await core.store.getMember(ADA)).toBeNull();
  });

  it('goes through long lists in chunks, every member created once', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    const inputs = Array.from({ length: 1234 }, (_, i) => ({ memberId: `web:local:u${i}`, displayName: `U${i}`, timezone: 'UTC' }));
    expect(await core.service.enrolAll(inputs, { start: true })).toEqual({ created: 1234, existing: 0 });
    expect(await core.store.countTeamMembers(activeRosterId('web', 'local'))).toBe(1234);
    expect(await core.store.getDue('web:local:u1233')).toBe(Date.parse('2026-11-25T10:00:00Z'));
    expect(await core.service.enrolAll(inputs.slice(0, 3), { start: true })).toEqual({ created: 0, existing: 3 });
  });
});
