// A pause holds everything: a snoozed prompt waits for the pause to end instead of arriving during it.
import { describe, expect, it } from 'vitest';
import { handleOne } from '../../../helpers/handle-one.ts';
import { makeCore } from '../../../helpers/core-fixture.ts';

const ADA = 'web:local:ada';
const at = (iso: string) => Date.parse(iso);

async function adaWithSnoozedPrompt() {
  const core = makeCore('2026-12-02T08:00:00Z'); // Wednesday 09:00 Berlin
  await core.service.enrol({ memberId: ADA, displayName: 'ada', timezone: 'Europe/Berlin' });
  await core.service.start(ADA);
  const due = (await core.store.getDue(ADA)) as number; // the 10:00 slot
  core.clock.t = due;
  await handleOne(core.service, ADA, due);
  const prompt = core.messenger.prompts[0];
  if (!prompt) throw new Error('no prompt');
  await core.service.click(prompt.view.promptId, ADA, { kind: 'snooze', minutes: 10 });
  return { core, promptId: prompt.view.promptId };
}

/** Runs every due job up to `untilIso`; returns what was sent meanwhile. */
async function runUntil(core: ReturnType<typeof makeCore>, untilIso: string) {
  const before = core.messenger.prompts.length;
  let next = await core.store.getDue(ADA);
  while (next !== null && next <= at(untilIso)) {
    core.clock.t = Math.max(core.clock.t, next);
    next = await handleOne(core.service, ADA, next);
  }
  return core.messenger.prompts.slice(before);
}

describe('a pause holds a snoozed prompt', () => {
  it('does not deliver the snooze during the pause, and delivers it when the pause ends', async () => {
    const { core, promptId } = await adaWithSnoozedPrompt();
    core.clock.advance(60_000);
    const { nextAt } = await core.service.pause(ADA, at('2026-12-02T09:40:00Z')); // until 10:40 Berlin
    expect(nextAt).toBe(at('2026-12-02T09:40:00Z'));
    expect(await runUntil(core, '2026-12-02T09:39:59Z')).toEqual([]);
    const sent = await runUntil(core, '2026-12-02T09:40:00Z');
    expect(sent.map((p) => p.view.promptId)).toEqual([promptId]);
  });

  it('resume brings a held snooze back at once', async () => {
    const { core, promptId } = await adaWithSnoozedPrompt();
    core.clock.advance(60_000);
    await core.service.pause(ADA, at('2026-12-02T12:00:00Z'));
    core.clock.set('2026-12-02T09:30:00Z');
    const { nextAt } = await core.service.resume(ADA);
    expect(nextAt).toBe(at('2026-12-02T09:10:00Z'));
    const sent = await runUntil(core, '2026-12-02T09:30:00Z');
    expect(sent.map((p) => p.view.promptId)).toEqual([promptId]);
  });
});
