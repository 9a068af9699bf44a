// Challenge pictures: every SVG (media/challenges/, drawn by scripts/draw-pictures.ts) is read at start-up, and each is
// rendered to PNG the first time it is asked for, then kept: start-up pays no rendering (35 pictures took ~0.15 s and
// ~17 MB with the renderer loaded), and no request renders a picture twice.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Resvg as ResvgRenderer } from '@resvg/resvg-js';
import { CHALLENGES, PICTURE_WIDTH, picturePath, type PictureSource } from '../core/index.ts';

const MEDIA_DIR = new URL('../../media/challenges/', import.meta.url);

export interface RenderedPicture {
  png: Buffer;
  /** A strong ETag of the bytes. */
  etag: string;
}

/** The renderer (a native module) is loaded with the first picture, not at start-up. */
let resvg: typeof ResvgRenderer | null = null;
function renderer(): typeof ResvgRenderer {
  resvg ??= (createRequire(import.meta.url)('@resvg/resvg-js') as { Resvg: typeof ResvgRenderer }).Resvg;
  return resvg;
}

function renderPng(svg: string): RenderedPicture {
  const Resvg = renderer();
  // No text in the pictures, so no system fonts: rendering stays fast.
  const png = Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: PICTURE_WIDTH }, font: { loadSystemFonts: false } }).render().asPng());
  return { png, etag: `"${createHash('sha256').update(png).digest('base64url').slice(0, 22)}"` };
}

/** Per process: the SVG sources, read once, and each picture's PNG once it has been rendered. */
let sources: ReadonlyMap<string, string> | null = null;
const rendered = new Map<string, RenderedPicture>();

function readSources(): ReadonlyMap<string, string> {
  return new Map(CHALLENGES.map((challenge) => [challenge.id, readFileSync(new URL(`${challenge.id}.svg`, MEDIA_DIR), 'utf8')]));
}

export class PictureCache implements PictureSource {
  private constructor(
    private readonly svgs: ReadonlyMap<string, string>,
    private readonly publicBase: string | null,
  ) {}

  /** Reads the whole catalogue's SVGs once per process: a missing picture stops start-up, not the first request. */
  static load(publicUrl: string | null = null): PictureCache {
    sources ??= readSources();
    return new PictureCache(sources, publicUrl === null ? null : publicUrl.replace(/\/+$/, ''));
  }

  get(challengeId: string): RenderedPicture | undefined {
    const cached = rendered.get(challengeId);
    if (cached) return cached;
    const svg = this.svgs.get(challengeId);
    if (svg === undefined) return undefined;
    const picture = renderPng(svg);
    rendered.set(challengeId, picture);
    return picture;
  }

  png(challengeId: string): Buffer | undefined {
    return this.get(challengeId)?.png;
  }

  etag(challengeId: string): string | undefined {
    return this.get(challengeId)?.etag;
  }

  publicUrl(challengeId: string): string | null {
    return this.publicBase === null || !this.svgs.has(challengeId) ? null : `${this.publicBase}${picturePath(challengeId)}`;
  }
}
