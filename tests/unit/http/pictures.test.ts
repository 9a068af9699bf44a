import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHALLENGES, PICTURE_HEIGHT, PICTURE_WIDTH, pictureAlt } from '../../../src/core/index.ts';
import { hasPicture } from '../../../src/core/content/pictures.ts';
import { mediaRouter } from '../../../src/http/media.ts';
import { PictureCache } from '../../../src/http/pictures.ts';
import { frame } from '../../../scripts/pictures/figure.ts';
import { SCENES } from '../../../scripts/pictures/scenes.ts';

const pictures = PictureCache.load('https://breaks.example.com/');

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('challenge pictures', () => {
  it('every challenge has a picture that renders to a PNG of 360 x 240, small enough to send inline', () => {
    for (const challenge of CHALLENGES) {
      const png = pictures.png(challenge.id);
      expect(png, challenge.id).toBeDefined();
      expect(pngSize(png!), challenge.id).toEqual({ width: PICTURE_WIDTH, height: PICTURE_HEIGHT });
      expect(png!.length, challenge.id).toBeLessThan(14_000);
    }
  });

  it('every picture has alt text of one sentence that is not a placeholder', () => {
    for (const challenge of CHALLENGES) {
      const alt = pictureAlt(challenge.id);
      expect(hasPicture(challenge.id), challenge.id).toBe(true);
      expect(alt, challenge.id).toMatch(/^[A-Z][^.!?]{20,140}\.$/);
    }
    expect(new Set(CHALLENGES.map((c) => pictureAlt(c.id))).size).toBe(CHALLENGES.length);
  });

  it('the SVG kept in media/challenges is what the drawing script draws now, with the alt text as its title', () => {
    for (const challenge of CHALLENGES) {
      const kept = readFileSync(new URL(`../../../media/challenges/${challenge.id}.svg`, import.meta.url), 'utf8');
      expect(kept, `${challenge.id}: run npx tsx scripts/draw-pictures.ts`).toBe(`${frame(SCENES[challenge.id]!(), pictureAlt(challenge.id))}\n`);
    }
  });

  it('links pictures from PUBLIC_URL, and has no link without one', () => {
    expect(pictures.publicUrl('hip-hinge')).toBe('https://breaks.example.com/media/challenges/hip-hinge.png');
    expect(pictures.publicUrl('no-such-challenge')).toBeNull();
    expect(PictureCache.load(null).publicUrl('hip-hinge')).toBeNull();
  });
});

describe('GET /media/challenges/<id>.png', () => {
  let base = '';
  let close: () => void = () => undefined;

  beforeAll(async () => {
    const app = express();
    app.use(mediaRouter(pictures));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('answers 200 with a PNG and cache headers, and 304 for a fresh copy', async () => {
    const res = await fetch(`${base}/media/challenges/reverse-lunge.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(Buffer.from(await res.arrayBuffer()).equals(pictures.png('reverse-lunge')!)).toBe(true);
    const again = await fetch(`${base}/media/challenges/reverse-lunge.png`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it.each([
    '/media/challenges/no-such-challenge.png',
    '/media/challenges/reverse-lunge.svg',
    '/media/challenges/reverse-lunge.PNG',
    '/media/challenges/..%2F..%2Fpackage.json',
    '/media/challenges/%2e%2e%2fpackage.json',
    '/media/challenges/..%5Cpackage.json',
    '/media/challenges/reverse-lunge.png%00.txt',
  ])('answers 404 for %s', async (path) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('"name"');
  });
});
