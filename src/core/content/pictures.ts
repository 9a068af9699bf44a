// Each challenge's picture: where its PNG is served and the one sentence that says what it shows.
import { CATALOGUE } from './catalogue.ts';

/** Every picture is drawn on this canvas; the PNG is rendered at this size. */
export const PICTURE_WIDTH = 360;
export const PICTURE_HEIGHT = 240;

/** One sentence per picture for alt text: the figure, where it is, and the movement. */
const ALT: Readonly<Record<string, string>> = {
  'glute-clench-test':
    'A person stands tall beside the desk and squeezes both buttocks, marked in orange.',
  'single-side-clench':
    'A person seen from the front squeezes the left buttock, then the right one, marked in orange.',
  'stand-up-clench':
    'A person rises from the chair to standing, squeezing the buttocks at the top.',
  'physio-desk-routine':
    'A person sinks into a wide-legged groin stretch, then stands tall and squeezes with a small twist each way.',
  'standing-hip-extension':
    'A person holds the desk and moves one straight leg backwards, squeezing that buttock.',
  'band-hip-extension':
    'A person holds the desk and pushes one leg back against a band tied low to the desk leg.',
  'band-kickback-pulse':
    'A person holds the desk and makes small pulses backwards with one leg against a low-anchored band.',
  'band-extension-hold':
    'A person holds the desk and keeps one leg pushed back against a band, squeezing that buttock.',
  'band-side-step':
    'A person with a band around both knees steps sideways with slightly bent knees.',
  'reverse-lunge':
    'A person with a hand on the desk steps one foot back and lowers the back knee towards the floor.',
  'brisk-walk':
    'A person walks briskly forward, pushing off the back leg.',
  'single-leg-balance':
    'A person with fingertips on the desk lifts one foot and balances on the other leg.',
  'posterior-chain-wake-up':
    'A person with hands on the hips leans back a little from upright and squeezes the buttocks.',
  'seated-glute-squeeze':
    'A person sits upright on the chair and squeezes the buttocks, rising slightly in the seat.',
  'step-back-walk':
    'A person with a hand on the desk taps one foot lightly on the floor a small step behind.',
  'stair-climb':
    'A person climbs a flight of stairs holding the handrail.',
  'mid-range-hold':
    'A person holds the desk and keeps one straight leg part of the way back, squeezing that buttock.',
  'hip-hinge':
    'A person folds forward a little from the hips with a flat back, then drives the hips forward to stand tall.',
  'side-leg-lift':
    'A person seen from the front holds the desk and lifts the outside leg a little out to the side.',
  'split-stance-squeeze':
    'A person holds the desk in a short split stance with the back heel lifted, squeezing the back buttock.',
  'twist-and-clench':
    'A person seen from the front squeezes the buttocks and turns the upper body left and right.',
  'wide-stance-stretch':
    'A person stands with feet wide apart and shifts the weight from side to side to stretch the inner thighs.',
  'march-in-place':
    'A person beside the desk marches slowly on the spot, pressing each landing foot down.',
  'long-stride-walk':
    'A person walks with slightly longer strides, pushing off the back foot.',
  'water-walk':
    'A person walks with a water bottle, pushing off the back leg.',
  'stair-step-up':
    'A person holding the rail steps up onto the lowest stair, pressing through the heel.',
  'standing-clench-ladder':
    'A person stands beside the desk and squeezes the buttocks for longer and longer, shown as rising bars.',
  'seated-single-side':
    'A seated person seen from the front squeezes only the left buttock, then only the right.',
  'seated-heel-press':
    'A seated person presses one heel down and back into the floor.',
  'seated-weight-shift':
    'A seated person leans onto one hip so the other buttock lifts off the seat and squeezes it.',
  'seated-hip-hinge':
    'A seated person leans forward from the hips with a flat back, then returns upright.',
  'seated-quick-squeezes':
    'A seated person squeezes and releases the buttocks quickly, again and again.',
  'seated-rise-rehearsal':
    'A seated person leans forward until the weight comes onto the feet, squeezing as if about to stand.',
  'seated-tall-squeeze':
    'A seated person sits as tall as possible away from the chair back and squeezes the buttocks.',
  'seated-band-knee-press':
    'A seated person with a band above the knees presses the knees outwards against it.',
};

/** The alt text of a challenge's picture (a test holds every challenge to having one). */
export function pictureAlt(challengeId: string): string {
  return ALT[challengeId] ?? 'A desk-break exercise.';
}

/** Whether a challenge has its picture described (every catalogue entry must). */
export function hasPicture(challengeId: string): boolean {
  return ALT[challengeId] !== undefined && CATALOGUE.some((c) => c.id === challengeId);
}

/** The path the HTTP server serves a challenge's picture under. */
export function picturePath(challengeId: string): string {
  return `/media/challenges/${challengeId}.png`;
}

/** The rendered pictures, as the adapters get them: PNG bytes by challenge id, and the public URL when there is one. */
export interface PictureSource {
  png(challengeId: string): Buffer | undefined;
  /** A strong hash of that PNG (its HTTP ETag): it changes when the picture does. */
  etag(challengeId: string): string | undefined;
  /** `<PUBLIC_URL>/media/challenges/<id>.png`, or null when the bot has no public URL. */
  publicUrl(challengeId: string): string | null;
}
