import { describe, expect, it } from 'vitest';
import { challengeById, MAX_SWAPS } from '../../../../src/core/index.ts';
import { makeCore } from '../../../helpers/core-fixture.ts';

const ADA = 'web:local:ada';
const BOB = 'web:local:bob';

async function started(core: ReturnType<typeof makeCore>, id: string) {
  await core.service.enrol({ memberId: id, displayName: id.split(':')[2] ?? id, timezone: 'Europe/Berlin' });
  await core.service.start(id);
}

describe('Swap', () => {
  it('keeps the prompt id and slot and shows another challenge, never the old one, each swap a new one', async () => {
    const core = makeCore('2026-11-25T10:05:00Z');
    await started(core, ADA);
    const { prompt } = await core.service.promptNow(ADA);
    const shown = [prompt.challengeId];
    for (let i = 0; i < MAX_SWAPS; i++) {
      const result = await core.service.click(prompt.id, ADA, { kind: 'swap' });
      expect(result.outcome).toBe('swapped');
      expect(result.swappedTo?.promptId).toBe(prompt.id);
      const stored = await core.store.getPrompt(prompt.id);
      expect(stored).toMatchObject({ id: prompt.id, slotAt: prompt.slotAt, status: 'open', swaps: i + 1 });
      expect(result.swappedTo?.challenge.id).toBe(stored?.challengeId);
      expect(shown).not.toContain(stored?.challengeId);
      shown.push(stored!.challengeId);
    }
    expect(core.messenger.prompts).toHaveLength(1);
  });

  it('is not a skip: the prompt stays open and Done after a swap counts once', async () => {
    const core = makeCore('2026-11-25T10:05:00Z');
    await started(core, ADA);
    const { prompt } = await core.service.promptNow(ADA);
    await core.service.click(prompt.id, ADA, { kind: 'swap' });
    const done = await core.service.click(prompt.id, ADA, { kind: 'done' });
    const again = await core.service.click(prompt.id, ADA, { kind: 'done' });
    expect(done.outcome).toBe('done');
    expect(done.challengeTitle).toBe(challengeById((await core.store.getPrompt(prompt.id))!.challengeId)?.title);
    expect(again.outcome).toBe('already-done');
    const stats = await core.service.stats(ADA);
    expect(stats.totalCompletions).toBe(1);
    expect(stats.totalPoints).toBe(1);
    expect((await core.service.click(prompt.id, ADA, { kind: 'swap' })).outcome).toBe('already-done');
  });

  it('allows at most MAX_SWAPS swaps per prompt, then says so and leaves it as it is', async () => {
    const core = makeCore('2026-11-25T10:05:00Z');
    await started(core, ADA);
    const { prompt } = await core.service.promptNow(ADA);
    for (let i = 0; i < MAX_SWAPS; i++) await core.service.click(prompt.id, ADA, { kind: 'swap' });
    const before = await core.store.getPrompt(prompt.id);
    const refused = await core.service.click(prompt.id, ADA, { kind: 'swap' });
    expect(refused.outcome).toBe('swap-limit');
    expect(refused.message).toMatch(/swapped 3 times/);
    expect(refused.swappedTo).toBeUndefined();
    expect(await core.store.getPrompt(prompt.id)).toEqual(before);
  });

  it('a swap by someone else changes nothing and tells them', async () => {
    const core = makeCore('2026-11-25T10:05:00Z');
    await started(core, ADA);
    await started(core, BOB);
    const { prompt } = await core.service.promptNow(ADA);
    const before = await core.store.getPrompt(prompt.id);
    const bobRecentBefore = (await core.service.getMember(BOB))?.recentChallengeIds;
    const foreign = await core.service.click(prompt.id, BOB, { kind: 'swap' });
    expect(foreign.outcome).toBe('not-yours');
    expect(foreign.message).toMatch(/someone else/);
    expect(await core.store.getPrompt(prompt.id)).toEqual(before);
    expect((await core.service.getMember(BOB))?.recentChallengeIds).toEqual(bobRecentBefore);
  });

  it('honours the avoid list and the band setting', async () => {
    const core = makeCore('2026-11-25T10:05:00Z');
    await started(core, ADA);
    await core.service.updateSettings(ADA, { avoidTags: ['standing', 'walking'] });
    for (let round = 0; round < 10; round++) {
      const { prompt } = await core.service.promptNow(ADA);
      for (let i = 0; i < MAX_SWAPS; i++) {
        const result = await core.service.click(prompt.id, ADA, { kind: 'swap' });
        expect(result.swappedTo?.challenge.posture).toBe('sitting');
        expect(result.swappedTo?.challenge.equipment).toBe('none');
      }
    }
  });

  it('a skipped or snoozed prompt is not swapped', async () => {
    const core = makeCore('2026-11-25T10:05:00Z');
    await started(core, ADA);
    const { prompt } = await core.service.promptNow(ADA);
    await core.service.click(prompt.id, ADA, { kind: 'skip' });
    expect((await core.service.click(prompt.id, ADA, { kind: 'swap' })).outcome).toBe('already-closed');
    expect((await core.store.getPrompt(prompt.id))?.swaps).toBeUndefined();
  });
});
