import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, MEDICAL_NOTE } from '../../../../src/core/content/catalogue.ts';
import { CHALLENGE_TAGS, isSeated } from '../../../../src/core/content/tags.ts';
import type { Challenge } from '../../../../src/core/model.ts';

/** The source article is not ours to publish, so it lives beside the checkout (shared/seed/), not in the repo. */
function findArticle(): string | null {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'seed', 'glutes-article.txt');
    if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
  }
  return null;
}
const ARTICLE = findArticle();

/** Each challenge and the words of the article it rests on (a citation for this test, never shown to people). */
const SOURCE_OF: Record<string, string> = {
  'glute-clench-test': 'can you clench your butt cheeks?',
  'single-side-clench': 'can you clench each one independently?',
  'stand-up-clench': 'clenching them whenever you stand up from a seated position',
  'physio-desk-routine': 'put your legs wide apart, squat down to a nice long groin stretch',
  'standing-hip-extension': 'It doesn’t extend the leg backwards',
  'band-hip-extension': 'A stretchy Theraband is good, too',
  'band-kickback-pulse': 'it’s done standing, which is going to fire it up a little more than if done sitting',
  'band-extension-hold': 'not just having the strength but being able to switch them on when you need them',
  'band-side-step': 'the secret is to have everything in balance',
  'reverse-lunge': 'a lunge is better than a squat because at least it gets one leg back',
  'brisk-walk': 'they are the primary hip and leg extension in the walking phase',
  'single-leg-balance': 'The other interesting and important characteristic of glutes is their stabilising role',
  'posterior-chain-wake-up': 'If you get that posterior chain working, it will maximise the glute firing',
  'seated-glute-squeeze': 'They need continual firing up practice',
  'step-back-walk': 'to push backwards when we walk and run',
  'stair-climb': 'If you do a lot of sitting and not much walking',
  'mid-range-hold': 'Halfway between the two is where a muscle is most strong',
  'hip-hinge': 'You flex and extend through your spine rather than through your hips',
  'side-leg-lift': 'their stabilising role',
  'split-stance-squeeze': 'pushes your leg and hip backwards into extension',
  'twist-and-clench': 'clench your butts four or five times with a bit of twist each way',
  'wide-stance-stretch': 'squat down to a nice long groin stretch',
  'march-in-place': 'the primary hip and leg extension in the walking phase',
  'long-stride-walk': 'that’s what we do when we walk and what we are designed to do',
  'water-walk': 'that glute muscle gets plugged out of the brain’s neurological patterns',
  'stair-step-up': 'it’ll be your quads and your back',
  'standing-clench-ladder': 'being able to switch them on when you need them',
  'seated-single-side': 'most people – even runners – wouldn’t be able to get a good single individual glute clench',
  'seated-heel-press': 'to push backwards when we walk and run',
  'seated-weight-shift': 'If you put pressure on a muscle it won’t fire up as well when you need it to',
  'seated-hip-hinge': 'The back is a major compensator',
  'seated-quick-squeezes': 'They need continual firing up practice',
  'seated-rise-rehearsal': 'You get up from a chair and your brain makes a decision to use the most commonly used muscle',
  'seated-tall-squeeze': 'they are hidden from view by the bottom cheeks',
  'seated-band-knee-press': 'the secret is to have everything in balance',
};

function textOf(challenge: Challenge): string[] {
  return [challenge.title, ...challenge.steps, challenge.why, challenge.safety, challenge.easier ?? ''];
}

function words(text: string): string[] {
  return text.toLowerCase().replace(/[’']/g, '').split(/[^a-z0-9]+/).filter(Boolean);
}

function runsOf(list: string[], length: number): Set<string> {
  const runs = new Set<string>();
  for (let i = 0; i + length <= list.length; i++) runs.add(list.slice(i, i + length).join(' '));
  return runs;
}

describe('the catalogue content', () => {
  it('offers at least 30 challenges, at least 8 of them seated', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(30);
    expect(CATALOGUE.filter((c) => isSeated(c.tags)).length).toBeGreaterThanOrEqual(8);
  });

  it('cites the article for every challenge', () => {
    for (const c of CATALOGUE) expect(SOURCE_OF[c.id], `${c.id} has no source in the article`).toBeDefined();
  });

  it.runIf(ARTICLE !== null)('finds every citation word for word in the article', () => {
    for (const c of CATALOGUE) expect(ARTICLE, c.id).toContain(SOURCE_OF[c.id]);
  });

  it.runIf(ARTICLE !== null)('says everything in our own words: no run of six words is copied from the article', () => {
    const articleRuns = runsOf(words(ARTICLE!), 6);
    for (const c of CATALOGUE) {
      for (const sentence of textOf(c)) {
        const copied = [...runsOf(words(sentence), 6)].filter((run) => articleRuns.has(run));
        expect(copied, `${c.id}: "${sentence}"`).toEqual([]);
      }
    }
  });

  it('tags every challenge with known tags that agree with its posture and equipment', () => {
    for (const c of CATALOGUE) {
      for (const tag of c.tags) expect(CHALLENGE_TAGS, c.id).toContain(tag);
      expect(new Set(c.tags).size, c.id).toBe(c.tags.length);
      expect(c.tags.includes('band'), c.id).toBe(c.equipment === 'band');
      expect(c.tags.includes('standing'), c.id).toBe(c.posture === 'standing');
      expect(c.tags.includes('walking'), c.id).toBe(c.posture === 'walking');
      if (c.tags.includes('stairs')) expect(isSeated(c.tags), c.id).toBe(false);
    }
  });

  it('names an easier version for every standing or walking challenge', () => {
    for (const c of CATALOGUE.filter((c) => !isSeated(c.tags))) {
      expect(c.easier, c.id).toMatch(/^[A-Z][^:]{2,40}: .{20,}/);
      expect(c.easier!.length, c.id).toBeLessThan(200);
    }
  });

  it('has a safety line and the credit on every challenge', () => {
    for (const c of CATALOGUE) {
      expect(c.safety.length, c.id).toBeGreaterThan(10);
      expect(c.credit, c.id).toContain('Ken Raupach');
    }
    expect(MEDICAL_NOTE).toMatch(/not medical advice/i);
    expect(MEDICAL_NOTE).toMatch(/pain or an injury/);
  });
});

describe('content safety', () => {
  const byId = (id: string): Challenge => CATALOGUE.find((c) => c.id === id)!;

  it('step-back-walk no longer asks anyone to walk backwards, and keeps a hand on the desk in a checked space', () => {
    const c = byId('step-back-walk');
    const all = textOf(c).join(' ');
    expect(all).not.toMatch(/walk(ing)? backwards/i);
    expect(c.tags).not.toContain('walking');
    expect(c.steps.join(' ')).toMatch(/hand (resting )?on (it|the desk)/);
    expect(c.steps.join(' ')).toMatch(/check the floor is clear/);
  });

  it('every challenge that anchors a band warns that a desk on castors is no anchor', () => {
    const anchored = CATALOGUE.filter((c) => c.tags.includes('band') && /anchor/i.test(c.steps.join(' ')));
    expect(anchored.length).toBeGreaterThanOrEqual(3);
    for (const c of anchored) expect(c.safety, c.id).toMatch(/castors/);
  });

  it('mid-range-hold is a hip extension held part-way back, not a quarter squat', () => {
    const steps = byId('mid-range-hold').steps.join(' ');
    expect(steps).not.toMatch(/squat|bend your knees|quarter/i);
    expect(steps).toMatch(/leg part of the way back/);
  });

  it('no challenge asks for a squat hold', () => {
    for (const c of CATALOGUE) expect(c.steps.join(' '), c.id).not.toMatch(/quarter of the way down|squat and hold/i);
  });
});
