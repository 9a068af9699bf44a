// "now" cannot farm points: on-demand breaks count for the streak and the day, but earn at most ON_DEMAND_POINT_CAP points a day.
import { describe, expect, it } from 'vitest';
import { makeCore } from '../../../helpers/core-fixture.ts';
import { ON_DEMAND_POINT_CAP } from '../../../../src/core/context.ts';

const ADA = 'web:local:ada';

describe('points from "now"', () => {
  it('twenty "now" breaks done in a row earn only the on-demand cap, yet all count for the day', async () => {
    const core = makeCore('2026-12-02T10:00:00Z');
    await core.service.enrol({ memberId: ADA, displayName: 'ada', timezone: 'UTC' });
    await core.service.start(ADA);
    const awarded: boolean[] = [];
    for (let i = 0; i < 20; i += 1) {
      const { prompt } = await core.service.promptNow(ADA);
      const result = await core.service.click(prompt.id, ADA, { kind: 'done' });
      awarded.push(result.pointAwarded);
      core.clock.advance(30_000);
    }
    expect(ON_DEMAND_POINT_CAP).toBe(2);
    expect(awarded.filter(Boolean)).toHaveLength(ON_DEMAND_POINT_CAP);
    const stats = await core.service.stats(ADA);
    expect(stats.totalPoints).toBe(ON_DEMAND_POINT_CAP);
    expect(stats.streak).toBe(1);
    expect((await core.store.getActivity(ADA)).days['2026-12-02']).toBe(20);
  });
});
