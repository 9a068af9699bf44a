// Draws the Teams app icons (color 192x192, outline 32x32 white on transparent) as PNGs with node's zlib alone.
// Run: node teams/make-icons.mjs   (writes teams/color.png and teams/outline.png)
import { writeFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';
import { fileURLToPath } from 'node:url';

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA pixels (width*height*4) -> PNG bytes: 8-bit RGBA, no interlace, filter 0 on every row. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y += 1) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

// A person stretching, arms up, on a 1x1 canvas: head, torso, arms, legs.
const HEAD = { x: 0.5, y: 0.24, r: 0.095 };
const LIMBS = [
  [[0.5, 0.36], [0.5, 0.63]],
  [[0.5, 0.42], [0.29, 0.2]],
  [[0.5, 0.42], [0.71, 0.2]],
  [[0.5, 0.63], [0.35, 0.86]],
  [[0.5, 0.63], [0.65, 0.86]],
];
const LIMB_HALF_WIDTH = 0.055;

/** Coverage 0..1 of the figure at a point, smoothed over one pixel for clean edges. */
function figure(x, y, pixel) {
  const head = Math.hypot(x - HEAD.x, y - HEAD.y) - HEAD.r;
  const limbs = Math.min(...LIMBS.map((segment) => distanceToSegment(x, y, ...segment) - LIMB_HALF_WIDTH));
  const edge = Math.min(head, limbs);
  return Math.max(0, Math.min(1, 0.5 - edge / pixel));
}

/** Rounded-square background coverage, for the color icon. */
function roundedSquare(x, y, pixel, radius = 0.2) {
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - radius), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - radius), 0);
  const edge = Math.hypot(qx, qy) - radius;
  return Math.max(0, Math.min(1, 0.5 - edge / pixel));
}

function draw(size, shade) {
  const rgba = Buffer.alloc(size * size * 4);
  const pixel = 1 / size;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const x = (px + 0.5) / size;
      const y = (py + 0.5) / size;
      rgba.set(shade(x, y, pixel), (py * size + px) * 4);
    }
  }
  return encodePng(size, size, rgba);
}

const GREEN = [0x2e, 0x7d, 0x32];

export function colorIcon() {
  return draw(192, (x, y, pixel) => {
    const person = figure(x, y, pixel);
    const mix = (c) => Math.round(c * (1 - person) + 255 * person);
    return [mix(GREEN[0]), mix(GREEN[1]), mix(GREEN[2]), Math.round(255 * roundedSquare(x, y, pixel))];
  });
}

/** Teams wants the outline icon white on a transparent background. */
export function outlineIcon() {
  return draw(32, (x, y, pixel) => [255, 255, 255, Math.round(255 * figure(x, y, pixel))]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('./color.png', import.meta.url), colorIcon());
  writeFileSync(new URL('./outline.png', import.meta.url), outlineIcon());
  console.log('wrote teams/color.png (192x192) and teams/outline.png (32x32)');
}
