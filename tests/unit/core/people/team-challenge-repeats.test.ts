// Team challenges follow the members' no-recent-repeat rule: a team never gets one of its last RECENT_AVOID again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleOne } from '../../../helpers/handle-one.ts';
import { makeCore } from '../../../helpers/core-fixture.ts';
import { jobId } from '../../../../src/core/index.ts';
import { RECENT_AVOID } from '../../../../src/core/content/pick.ts';

const TEAM = 'web:local:design';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('team challenge picks', () => {
  it('a team does not get the same challenge on consecutive days, nor any of its last few', async () => {
    // The same random draw every time: only the team's memory can make the picks differ.
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const core = makeCore('2026-11-23T09:00:00Z'); // Monday
    await core.service.enrol({ memberId: 'web:local:ada', displayName: 'ada', timezone: 'UTC' });
    await core.service.start('web:local:ada');
    await core.service.ensureTeam({ teamId: TEAM, name: 'design', timezone: 'UTC' });
    await core.service.joinTeam('web:local:ada', TEAM);
    const { nextAt } = await core.service.setTeamChallengeTime(TEAM, '10:00');
    let due = nextAt ?? 0;
    for (let day = 0; day < 12; day += 1) {
      core.clock.t = due;
      due = (await handleOne(core.service, jobId({ kind: 'team', teamId: TEAM }), due)) ?? 0;
    }
    const ids = core.messenger.teamPrompts.map((sent) => sent.view.challenge.id);
    expect(ids).toHaveLength(12);
    ids.forEach((id, i) => expect(ids.slice(Math.max(0, i - RECENT_AVOID), i)).not.toContain(id));
  });
});
