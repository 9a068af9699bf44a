// DEFAULT_TIMEZONE stands in wherever the platform gives no zone, and the member is told which zone was assumed.
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../../src/core/index.ts';
import { makeCore } from '../../../helpers/core-fixture.ts';

const ADA = 'web:local:ada';

describe('the default time zone', () => {
  it('a member whose platform gives no zone works in DEFAULT_TIMEZONE, and "start" says it was assumed and how to change it', async () => {
    const core = makeCore('2026-11-25T14:05:00Z', { defaultTimezone: 'America/New_York' });
    const reply = await runCommand(core.service, { memberId: ADA, displayName: 'Ada' }, 'start');
    expect((await core.service.getMember(ADA))?.schedule.timezone).toBe('America/New_York');
    // 09:05 in New York: the first slot is 10:00 there, not a UTC hour.
    expect(reply).toMatchObject({ kind: 'text' });
    const text = (reply as { text: string }).text;
    expect(text).toMatch(/at 10:00 \(America\/New_York\)/);
    expect(text).toMatch(/America\/New_York is assumed.*"timezone Europe\/Berlin"/);
  });

  it('a zone the platform gave is used and not called assumed; setting a zone ends the note', async () => {
    const core = makeCore('2026-11-25T14:05:00Z', { defaultTimezone: 'America/New_York' });
    const given = await runCommand(core.service, { memberId: ADA, displayName: 'Ada', timezone: 'Europe/Berlin' }, 'start');
    expect((given as { text: string }).text).not.toMatch(/assumed/);

    const bob = 'web:local:bob';
    await runCommand(core.service, { memberId: bob, displayName: 'Bob' }, 'stats');
    await runCommand(core.service, { memberId: bob, displayName: 'Bob' }, 'timezone America/New_York');
    const started = await runCommand(core.service, { memberId: bob, displayName: 'Bob' }, 'start');
    expect((started as { text: string }).text).not.toMatch(/assumed/);
  });

  it('a team whose platform gives no zone takes its creator\'s zone, else DEFAULT_TIMEZONE', async () => {
    const core = makeCore('2026-11-25T14:05:00Z', { defaultTimezone: 'America/New_York' });
    const team = await core.service.ensureTeam({ teamId: 'web:local:design', name: 'Design' });
    expect(team.timezone).toBe('America/New_York');
    await runCommand(core.service, { memberId: ADA, displayName: 'Ada', timezone: 'Asia/Tokyo', team: { teamId: 'web:local:ops', name: 'Ops' } }, 'join');
    expect((await core.store.getTeam('web:local:ops'))?.timezone).toBe('Asia/Tokyo');
  });
});
