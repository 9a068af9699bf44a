import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHALLENGES, NothingToPickError, RECENT_AVOID, allowedChallenges, pickChallenge, rememberChallenge } from '../../../../src/core/content/pick.ts';
import { CHALLENGE_TAGS, parseAvoid } from '../../../../src/core/content/tags.ts';
import { runCommand } from '../../../../src/core/index.ts';
import type { Challenge, ChallengeTag } from '../../../../src/core/model.ts';
import { makeCore } from '../../../helpers/core-fixture.ts';

const ADA = { memberId: 'web:local:ada', displayName: 'Ada', timezone: 'Europe/Berlin' };

describe('parseAvoid', () => {
  it('reads lists with commas or spaces, in any case, and "none"', () => {
    expect(parseAvoid('stairs,balance')).toEqual({ ok: true, tags: ['stairs', 'balance'] });
    expect(parseAvoid(' Walking  STANDING ')).toEqual({ ok: true, tags: ['standing', 'walking'] });
    expect(parseAvoid('band, band')).toEqual({ ok: true, tags: ['band'] });
    expect(parseAvoid('none')).toEqual({ ok: true, tags: [] });
  });

  it('refuses unknown words, naming them, and an empty list', () => {
    const bad = parseAvoid('stairs,skydiving');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^Unknown tag: skydiving\. /);
    expect(parseAvoid('').ok).toBe(false);
    expect(parseAvoid('none stairs').ok).toBe(false);
  });
});

describe('avoid, the command', () => {
  it('is stored on the member and honoured by every "now" break', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    await runCommand(core.service, ADA, 'start');
    const reply = await runCommand(core.service, ADA, 'avoid standing,walking');
    expect(reply).toEqual({ kind: 'text', text: expect.stringMatching(/^Saved: no challenges that need standing and walking\. 8 challenges left for you\./) });
    expect((await core.service.getMember(ADA.memberId))?.avoidTags).toEqual(['standing', 'walking']);
    for (let i = 0; i < 40; i++) {
      const { prompt } = await core.service.promptNow(ADA.memberId);
      const challenge = CHALLENGES.find((c) => c.id === prompt.challengeId)!;
      expect(challenge.posture, challenge.id).toBe('sitting');
    }
  });

  it('"avoid none" clears the list; a bad word changes nothing; plain "avoid" says what is avoided', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    await runCommand(core.service, ADA, 'avoid stairs');
    expect(await runCommand(core.service, ADA, 'avoid skydiving')).toMatchObject({ kind: 'error', text: expect.stringMatching(/skydiving/) });
    expect((await core.service.getMember(ADA.memberId))?.avoidTags).toEqual(['stairs']);
    expect(await runCommand(core.service, ADA, 'avoid')).toMatchObject({ kind: 'text', text: expect.stringMatching(/^You avoid stairs\./) });
    expect(await runCommand(core.service, ADA, 'avoid none')).toMatchObject({ kind: 'text', text: expect.stringMatching(/^Saved: nothing avoided/) });
    expect((await core.service.getMember(ADA.memberId))?.avoidTags).toEqual([]);
  });
});

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the pick honours avoid (property)', () => {
  it('over many picks, never gives an avoided tag, a band without a band, or one of the last few when another is allowed', () => {
    fc.assert(
      fc.property(
        fc.subarray([...CHALLENGE_TAGS]),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 60 }),
        (avoidTags: ChallengeTag[], hasBand: boolean, seed: number, count: number) => {
          const random = seeded(seed);
          const allowed = allowedChallenges({ hasBand, avoidTags });
          let recentIds: string[] = [];
          for (let i = 0; i < count; i++) {
            const picked: Challenge = pickChallenge({ hasBand, avoidTags, recentIds, random });
            expect(picked.tags.filter((tag) => avoidTags.includes(tag))).toEqual([]);
            if (!hasBand) expect(picked.equipment).toBe('none');
            if (allowed.length > RECENT_AVOID) expect(recentIds.slice(0, RECENT_AVOID)).not.toContain(picked.id);
            recentIds = rememberChallenge(recentIds, picked.id);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every avoid list still leaves the seated, tag-free challenges', () => {
    const everything = allowedChallenges({ hasBand: false, avoidTags: [...CHALLENGE_TAGS] });
    expect(everything.length).toBeGreaterThanOrEqual(8);
    expect(everything.every((c) => c.tags.length === 0)).toBe(true);
  });

  it('when nothing is left, refuses rather than give an excluded challenge', () => {
    const catalogue = CHALLENGES.filter((c) => c.tags.includes('stairs'));
    expect(() => pickChallenge({ hasBand: true, avoidTags: ['stairs'], recentIds: [], catalogue })).toThrow(NothingToPickError);
    expect(() => pickChallenge({ hasBand: true, excludeIds: catalogue.map((c) => c.id), recentIds: [], catalogue })).toThrow(NothingToPickError);
  });
});
