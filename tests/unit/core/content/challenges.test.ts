import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHALLENGES, RECENT_AVOID, challengeById, pickChallenge, rememberChallenge } from '../../../../src/core/content/pick.ts';
import type { Challenge } from '../../../../src/core/model.ts';

/** mulberry32: a tiny seeded generator so every run of a pick sequence is the same. */
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

function challenge(id: string, equipment: Challenge['equipment'] = 'none'): Challenge {
  return { id, title: id, steps: ['one', 'two'], seconds: 60, equipment, posture: 'standing', tags: equipment === 'band' ? ['standing', 'band'] : ['standing'], why: 'why', safety: 'safe', easier: 'Easier: smaller', credit: 'credit' };
}

/** Runs `count` picks the way the service does, checking each against the recent list it was picked from. */
function pickSequence(hasBand: boolean, count: number, seed: number): { picks: Challenge[]; repeats: string[] } {
  const random = seeded(seed);
  let recentIds: string[] = [];
  const picks: Challenge[] = [];
  const repeats: string[] = [];
  for (let i = 0; i < count; i++) {
    const picked = pickChallenge({ hasBand, recentIds, random });
    if (recentIds.slice(0, RECENT_AVOID).includes(picked.id)) repeats.push(`${i}: ${picked.id}`);
    picks.push(picked);
    recentIds = rememberChallenge(recentIds, picked.id);
  }
  return { picks, repeats };
}

describe('challenge catalogue', () => {
  it('offers at least 14 challenges, at least 3 with a band and 8 with no equipment', () => {
    expect(CHALLENGES.length).toBeGreaterThanOrEqual(14);
    expect(CHALLENGES.filter((c) => c.equipment === 'band').length).toBeGreaterThanOrEqual(3);
    expect(CHALLENGES.filter((c) => c.equipment === 'none').length).toBeGreaterThanOrEqual(8);
  });

  it('gives every challenge a unique short kebab-case id', () => {
    const ids = CHALLENGES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(id.length).toBeLessThanOrEqual(32);
    }
  });

  it('keeps titles under 60 characters and each challenge to 2-5 steps under 200 characters', () => {
    for (const c of CHALLENGES) {
      expect(c.title.trim().length, c.id).toBeGreaterThan(0);
      expect(c.title.length, c.id).toBeLessThan(60);
      expect(c.steps.length, c.id).toBeGreaterThanOrEqual(2);
      expect(c.steps.length, c.id).toBeLessThanOrEqual(5);
      for (const step of c.steps) {
        expect(step.trim().length, c.id).toBeGreaterThan(0);
        expect(step.length, c.id).toBeLessThan(200);
      }
    }
  });

  it('keeps every challenge between 30 and 120 seconds', () => {
    for (const c of CHALLENGES) {
      expect(c.seconds, c.id).toBeGreaterThanOrEqual(30);
      expect(c.seconds, c.id).toBeLessThanOrEqual(120);
    }
  });

  it('says why and how to stay safe on every challenge, and credits the physiotherapist and the newspaper', () => {
    for (const c of CHALLENGES) {
      expect(c.why.trim().length, c.id).toBeGreaterThan(20);
      expect(c.safety.trim().length, c.id).toBeGreaterThan(10);
      expect(c.credit, c.id).toContain('Ken Raupach');
      expect(c.credit, c.id).toContain('Sydney Morning Herald');
      expect(c.credit, c.id).toContain('30 July 2014');
    }
  });

  it('includes the exercises the article describes under their stored ids', () => {
    const expected = [
      'glute-clench-test',
      'single-side-clench',
      'stand-up-clench',
      'physio-desk-routine',
      'standing-hip-extension',
      'band-hip-extension',
      'band-kickback-pulse',
      'reverse-lunge',
      'brisk-walk',
      'single-leg-balance',
      'posterior-chain-wake-up',
      'seated-glute-squeeze',
      'step-back-walk',
    ];
    for (const id of expected) expect(challengeById(id), id).toBeDefined();
    expect(challengeById('seated-glute-squeeze')?.posture).toBe('sitting');
    expect(challengeById('band-hip-extension')?.equipment).toBe('band');
    expect(challengeById('standing-hip-extension')?.equipment).toBe('none');
  });

  it('does not let a caller edit a challenge that every prompt shares', () => {
    const first = CHALLENGES[0]!;
    expect(() => {
      first.title = 'changed';
    }).toThrow(TypeError);
    expect(() => first.steps.push('extra')).toThrow(TypeError);
    expect(CHALLENGES[0]!.title).not.toBe('changed');
  });

  it('finds a challenge by id and returns undefined for an unknown id', () => {
    const last = CHALLENGES[CHALLENGES.length - 1]!;
    expect(challengeById(last.id)).toBe(last);
    expect(challengeById('no-such-challenge')).toBeUndefined();
  });

  it('is listed in full, with the credit, on the docs page', () => {
    const page = readFileSync(new URL('../../../../docs/challenges.md', import.meta.url), 'utf8');
    for (const c of CHALLENGES) expect(page, c.id).toContain(c.title);
    // Each row shows its picture (the committed SVG), beside the title.
    for (const c of CHALLENGES) expect(page, c.id).toMatch(new RegExp(`<img src="\\.\\./media/challenges/${c.id}\\.svg" width="150" alt="[^"]+"> \\| ${c.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\|`));
    expect(page).toContain(CHALLENGES[0]!.credit);
    expect(page).toContain('not medical advice');
  });
});

describe('pickChallenge', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('never gives a band challenge to a member without a band', () => {
    const { picks } = pickSequence(false, 300, 7);
    expect(picks.every((c) => c.equipment === 'none')).toBe(true);
    for (let i = 0; i < 50; i++) {
      const recentIds = CHALLENGES.filter((c) => c.equipment === 'none').map((c) => c.id);
      expect(pickChallenge({ hasBand: false, recentIds, random: seeded(i) }).equipment).toBe('none');
    }
  });

  it('over 200 picks never repeats one of the last 5 challenges for a member without a band', () => {
    expect(pickSequence(false, 200, 42).repeats).toEqual([]);
  });

  it('over 200 picks never repeats one of the last 5 challenges for a member with a band', () => {
    expect(pickSequence(true, 200, 42).repeats).toEqual([]);
  });

  it('rotates through every challenge a member can do, band ones included for band owners', () => {
    const withoutBand = new Set(pickSequence(false, 200, 3).picks.map((c) => c.id));
    const withBand = new Set(pickSequence(true, 200, 3).picks.map((c) => c.id));
    expect(withoutBand).toEqual(new Set(CHALLENGES.filter((c) => c.equipment === 'none').map((c) => c.id)));
    expect(withBand).toEqual(new Set(CHALLENGES.map((c) => c.id)));
  });

  it('gives the same sequence for the same seed', () => {
    const first = pickSequence(true, 50, 1234).picks.map((c) => c.id);
    const second = pickSequence(true, 50, 1234).picks.map((c) => c.id);
    expect(second).toEqual(first);
    expect(pickSequence(true, 50, 4321).picks.map((c) => c.id)).not.toEqual(first);
  });

  it('when every allowed challenge is recent, picks the least recently used one', () => {
    const catalogue = [challenge('a'), challenge('b'), challenge('c'), challenge('band-x', 'band')];
    const recentIds = ['c', 'a', 'b'];
    expect(pickChallenge({ hasBand: false, recentIds, catalogue, random: () => 0 }).id).toBe('b');
    expect(pickChallenge({ hasBand: false, recentIds: ['b', 'c', 'a', 'b'], catalogue, random: () => 0 }).id).toBe('a');
  });

  it('only avoids the newest 5 challenges, so a sixth-newest one is picked over a recent one', () => {
    const catalogue = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => challenge(id));
    const recentIds = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (let i = 0; i < 20; i++) expect(pickChallenge({ hasBand: false, recentIds, catalogue, random: seeded(i) }).id).toBe('f');
  });

  it('chooses among the eligible challenges by the random source', () => {
    const catalogue = ['a', 'b', 'c', 'd'].map((id) => challenge(id));
    const recentIds = ['b'];
    expect(pickChallenge({ hasBand: false, recentIds, catalogue, random: () => 0 }).id).toBe('a');
    expect(pickChallenge({ hasBand: false, recentIds, catalogue, random: () => 0.5 }).id).toBe('c');
    expect(pickChallenge({ hasBand: false, recentIds, catalogue, random: () => 0.99 }).id).toBe('d');
    // A source that strays to exactly 1 still lands on the last eligible challenge.
    expect(pickChallenge({ hasBand: false, recentIds, catalogue, random: () => 1 }).id).toBe('d');
  });

  it('uses Math.random when no random source is given', () => {
    const spy = vi.spyOn(Math, 'random').mockReturnValue(0);
    const catalogue = ['a', 'b'].map((id) => challenge(id));
    expect(pickChallenge({ hasBand: false, recentIds: [], catalogue }).id).toBe('a');
    expect(spy).toHaveBeenCalled();
  });

  it('refuses, rather than breaking the equipment rule, when nothing in the catalogue suits the member', () => {
    const catalogue = [challenge('band-only', 'band')];
    expect(() => pickChallenge({ hasBand: false, recentIds: [], catalogue })).toThrow();
  });
});

describe('rememberChallenge', () => {
  it('puts the newest id first and keeps 10 by default', () => {
    let recent: string[] = [];
    for (let i = 0; i < 15; i++) recent = rememberChallenge(recent, `c${i}`);
    expect(recent).toEqual(['c14', 'c13', 'c12', 'c11', 'c10', 'c9', 'c8', 'c7', 'c6', 'c5']);
  });

  it('moves a repeated id to the front instead of listing it twice', () => {
    expect(rememberChallenge(['a', 'b', 'c'], 'b')).toEqual(['b', 'a', 'c']);
  });

  it('honours a custom length and leaves the given list unchanged', () => {
    const given = ['a', 'b', 'c'] as const;
    expect(rememberChallenge(given, 'd', 2)).toEqual(['d', 'a']);
    expect(given).toEqual(['a', 'b', 'c']);
  });
});
