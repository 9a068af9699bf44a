// A team's settings (challenge time, zone, workdays, name) can be changed, and only by an admin or whoever set it up.
import { describe, expect, it } from 'vitest';
import { jobId, runCommand, type CommandReply } from '../../../../src/core/index.ts';
import { teamStreak } from '../../../../src/core/progress/streaks.ts';
import { makeCore } from '../../../helpers/core-fixture.ts';

const DESIGN = { teamId: 'web:local:design', name: 'Design' };
const person = (name: string, extra: Record<string, unknown> = {}) => ({ memberId: `web:local:${name}`, displayName: name, timezone: 'Europe/Berlin', team: DESIGN, ...extra });
const textOf = (reply: CommandReply) => ('text' in reply ? reply.text : '');

describe('team settings', () => {
  it('whoever set the team up changes its time, zone, workdays and name; the challenge follows the new zone and days', async () => {
    const core = makeCore('2026-11-25T08:00:00Z'); // Wednesday
    await runCommand(core.service, person('ada'), 'join');
    expect(textOf(await runCommand(core.service, person('ada'), 'team-time 11:30'))).toMatch(/Daily team challenge set for 11:30/);
    expect(textOf(await runCommand(core.service, person('ada'), 'team-zone Asia/Jerusalem'))).toMatch(/Asia\/Jerusalem/);
    expect(textOf(await runCommand(core.service, person('ada'), 'team-days sun,mon,tue,wed,thu'))).toMatch(/Sun, Mon, Tue, Wed, Thu|Sun-Thu|Mon-Thu, Sun/);
    expect(textOf(await runCommand(core.service, person('ada'), 'team-name Design Crew'))).toMatch(/Saved for Design Crew/);
    const team = await core.store.getTeam(DESIGN.teamId);
    expect(team).toMatchObject({ name: 'Design Crew', timezone: 'Asia/Jerusalem', workdays: [1, 2, 3, 4, 7], challengeTime: '11:30', createdBy: 'web:local:ada' });
    // 11:30 in Jerusalem on Wednesday 25 Nov is 09:30Z.
    expect(await core.store.getDue(jobId({ kind: 'team', teamId: DESIGN.teamId }))).toBe(Date.parse('2026-11-25T09:30:00Z'));
  });

  it('anyone else is refused, clearly, and nothing changes; an admin may change it', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    await runCommand(core.service, person('ada'), 'join');
    await runCommand(core.service, person('bob'), 'join');
    for (const words of ['team-time 07:00', 'team-zone Asia/Tokyo', 'team-days sat,sun', 'team-name Hijacked']) {
      const reply = await runCommand(core.service, person('bob'), words);
      expect(reply.kind).toBe('error');
      expect(textOf(reply)).toMatch(/Only a workspace admin .* or the person who set up this team/);
    }
    expect(await core.store.getTeam(DESIGN.teamId)).toMatchObject({ name: 'Design', timezone: 'Europe/Berlin', workdays: [1, 2, 3, 4, 5], challengeTime: null });
    expect(await core.store.getDue(jobId({ kind: 'team', teamId: DESIGN.teamId }))).toBeNull();

    expect(textOf(await runCommand(core.service, person('bob', { isTeamAdmin: true }), 'team-time 10:00'))).toMatch(/set for 10:00/);
    expect((await core.store.getTeam(DESIGN.teamId))?.challengeTime).toBe('10:00');
  });

  it('team-time in a channel with no team yet sets the team up for that person', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    expect(textOf(await runCommand(core.service, person('cy'), 'team-time 11:00'))).toMatch(/set for 11:00/);
    expect((await core.store.getTeam(DESIGN.teamId))?.createdBy).toBe('web:local:cy');
  });

  it('a bad value is refused and changes nothing', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    await runCommand(core.service, person('ada'), 'join');
    expect((await runCommand(core.service, person('ada'), 'team-zone Mars/Base')).kind).toBe('error');
    expect((await runCommand(core.service, person('ada'), 'team-time 25:99')).kind).toBe('error');
    expect((await runCommand(core.service, person('ada'), 'team-name')).kind).toBe('error');
    expect(await core.store.getTeam(DESIGN.teamId)).toMatchObject({ name: 'Design', timezone: 'Europe/Berlin', challengeTime: null });
  });

  it('new team workdays apply from the day they are set: dropping a missed Wednesday does not mend the streak', async () => {
    const core = makeCore('2026-11-30T08:00:00Z'); // Monday
    await runCommand(core.service, person('ada'), 'join');
    await runCommand(core.service, person('ada'), 'team-days mon,tue,thu,fri');
    const team = await core.store.getTeam(DESIGN.teamId);
    expect(team?.pastWorkdays).toEqual([{ workdays: [1, 2, 3, 4, 5], until: '2026-11-30' }]);
    // Mon 23 - Tue 24 qualified, Wed 25 missed, Thu 26 - Fri 27 qualified.
    const ok = { completers: 1, activeMembers: 1 };
    const days = { '2026-11-23': ok, '2026-11-24': ok, '2026-11-26': ok, '2026-11-27': ok };
    const now = Date.parse('2026-11-30T08:00:00Z');
    expect(teamStreak({ days, workdays: team?.workdays ?? [], pastWorkdays: team?.pastWorkdays, timezone: 'Europe/Berlin', now })).toBe(2);
    // Without the history the old Wednesday would count as a day off and the streak would read 4.
    expect(teamStreak({ days, workdays: team?.workdays ?? [], timezone: 'Europe/Berlin', now })).toBe(4);
  });
});
