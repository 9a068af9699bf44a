// Each answer says what is true: the leaderboard of a channel with no team, leave when never in the team,
// band with a word it does not know, and why no break is coming.
import { describe, expect, it } from 'vitest';
import { runCommand, type CommandReply } from '../../../src/core/index.ts';
import { makeCore } from '../../helpers/core-fixture.ts';

const ADA = { memberId: 'web:local:ada', displayName: 'Ada', timezone: 'Europe/Berlin' };
const DESIGN = { teamId: 'web:local:design', name: 'Design' };
const OPS = { teamId: 'web:local:ops', name: 'Ops' };
const textOf = (reply: CommandReply) => ('text' in reply ? reply.text : '');

describe('answers that say what is true', () => {
  it('leaderboard in a channel nobody joined tells a member of another team that this channel has no team, and shows their own', async () => {
    const core = makeCore('2026-11-25T10:05:00Z');
    await runCommand(core.service, { ...ADA, team: DESIGN }, 'join');
    await runCommand(core.service, ADA, 'start');
    const reply = await runCommand(core.service, { ...ADA, team: OPS }, 'leaderboard');
    expect(reply.kind).toBe('leaderboard');
    expect(textOf(reply)).not.toMatch(/not in a team yet/);
    expect(textOf(reply)).toMatch(/Nobody has joined Ops's team yet/);
    expect(reply.kind === 'leaderboard' ? reply.view?.teamName : null).toBe('Design');
    // Looking did not create the team.
    expect(await core.store.getTeam(OPS.teamId)).toBeNull();
  });

  it('leave from someone who was never in the team says so instead of confirming', async () => {
    const core = makeCore('2026-11-25T10:05:00Z');
    await runCommand(core.service, { ...ADA, team: DESIGN }, 'join');
    const reply = await runCommand(core.service, { ...ADA, team: OPS }, 'leave');
    expect(textOf(reply)).toMatch(/You are not in Ops, so there is nothing to leave/);
    expect((await core.service.getMember(ADA.memberId))?.teamIds).toEqual([DESIGN.teamId]);
    expect(textOf(await runCommand(core.service, { ...ADA, team: DESIGN }, 'leave'))).toMatch(/You left Design/);
  });

  it('band takes on or off; any other word is refused and changes nothing', async () => {
    const core = makeCore('2026-11-25T10:05:00Z');
    for (const word of ['band maybe', 'band', 'band offf']) {
      const reply = await runCommand(core.service, ADA, word);
      expect(reply.kind).toBe('error');
      expect(textOf(reply)).toMatch(/band on.*band off/);
      expect((await core.service.getMember(ADA.memberId))?.hasBand).toBe(false);
    }
    expect(textOf(await runCommand(core.service, ADA, 'band on'))).toMatch(/with a resistance band/);
    expect((await core.service.getMember(ADA.memberId))?.hasBand).toBe(true);
    await runCommand(core.service, ADA, 'band off');
    expect((await core.service.getMember(ADA.memberId))?.hasBand).toBe(false);
  });

  it('says why no break is coming: breaks off is not "no workdays set"', async () => {
    const core = makeCore('2026-11-25T10:05:00Z');
    await runCommand(core.service, ADA, 'start');
    await runCommand(core.service, ADA, 'stop');
    const resumed = await runCommand(core.service, ADA, 'resume');
    expect(textOf(resumed)).not.toMatch(/no workdays/);
    expect(textOf(resumed)).toMatch(/Breaks are off/);
    await runCommand(core.service, ADA, 'start');
    await core.service.updateSettings(ADA.memberId, { workdays: [] });
    expect(textOf(await runCommand(core.service, ADA, 'hours 09:00-17:00'))).toMatch(/no upcoming break \(no workdays set\)/);
  });
});
