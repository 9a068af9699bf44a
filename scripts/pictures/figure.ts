// A small pose-drawing kit for the challenge pictures: a stick figure posed by where its hands and feet go (two-link
// inverse kinematics), seen from the side (facing right, towards the desk) or from the front.
export type Point = readonly [number, number];

export const INK = '#1f2a44';
export const GHOST = '#b9c2d3';
export const ACCENT = '#e4572e';
export const FURNITURE = '#8d99ae';
export const BACKDROP = '#f3f5fa';

export const GROUND = 214;
const THIGH = 44;
const SHIN = 44;
const TORSO = 56;
const UPPER_ARM = 30;
const FOREARM = 29;
const HEAD = 12;
const STROKE = 7;

export type Tone = 'solid' | 'ghost';

/** Two-link reach from `root` towards `target`: the middle joint, bent to the `bend` side (1 or -1) of the line. */
export function reach(root: Point, target: Point, first: number, second: number, bend: 1 | -1): Point {
  const dx = target[0] - root[0];
  const dy = target[1] - root[1];
  const d = Math.min(Math.hypot(dx, dy), first + second - 0.01);
  const base = Math.atan2(dy, dx);
  const inner = Math.acos(Math.max(-1, Math.min(1, (first * first + d * d - second * second) / (2 * first * d))));
  const angle = base - bend * inner;
  return [root[0] + Math.cos(angle) * first, root[1] + Math.sin(angle) * first];
}

function line(a: Point, b: Point, color: string, width = STROKE): string {
  return `<line x1="${a[0].toFixed(1)}" y1="${a[1].toFixed(1)}" x2="${b[0].toFixed(1)}" y2="${b[1].toFixed(1)}" stroke="${color}" stroke-width="${width}" stroke-linecap="round"/>`;
}

function polyline(points: readonly Point[], color: string, width = STROKE): string {
  const d = points.map((p) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`).join(' ');
  return `<polyline points="${d}" fill="none" stroke="${color}" stroke-width="${width}" stroke-linecap="round" stroke-linejoin="round"/>`;
}

function circle(c: Point, r: number, fill: string, stroke = 'none'): string {
  return `<circle cx="${c[0].toFixed(1)}" cy="${c[1].toFixed(1)}" r="${r}" fill="${fill}" stroke="${stroke}" stroke-width="3"/>`;
}

export interface SidePose {
  hip: Point;
  /** Degrees from upright; positive leans towards the desk (right). */
  lean?: number;
  /** Near and far foot (ankle) positions; the foot points right from the ankle. */
  feet: readonly [Point, Point];
  /** Where the hands go; null hangs the arm down by the side. */
  hands?: readonly [Point | null, Point | null];
  /** Knee bend direction per leg: 1 forward (usual), -1 backward (a kneeling shin). */
  knees?: readonly [1 | -1, 1 | -1];
  tone?: Tone;
  /** Marks the glute with an orange patch (the squeeze). */
  squeeze?: boolean;
}

export function shoulderOf(pose: SidePose): Point {
  const lean = ((pose.lean ?? 0) * Math.PI) / 180;
  return [pose.hip[0] + Math.sin(lean) * TORSO, pose.hip[1] - Math.cos(lean) * TORSO];
}

/** A side-view figure; the far limbs are drawn first and lighter so the near ones read on top. */
export function sideFigure(pose: SidePose): string {
  const color = pose.tone === 'ghost' ? GHOST : INK;
  const far = pose.tone === 'ghost' ? GHOST : '#5b6787';
  const lean = ((pose.lean ?? 0) * Math.PI) / 180;
  const shoulder = shoulderOf(pose);
  const head: Point = [shoulder[0] + Math.sin(lean) * (HEAD + 6), shoulder[1] - Math.cos(lean) * (HEAD + 6)];
  const parts: string[] = [];
  const limb = (root: Point, end: Point, a: number, b: number, bend: 1 | -1, c: string): Point[] => [root, reach(root, end, a, b, bend), end];
  const knees = pose.knees ?? [1, 1];
  const legs = pose.feet.map((foot, i) => limb(pose.hip, foot, THIGH, SHIN, knees[i] ?? 1, color));
  const hands = pose.hands ?? [null, null];
  const arms = hands.map((hand, i) => {
    const target: Point = hand ?? [shoulder[0] + (i === 0 ? 4 : -4), shoulder[1] + UPPER_ARM + FOREARM - 4];
    return limb(shoulder, target, UPPER_ARM, FOREARM, -1, color);
  });
  // Far leg and arm.
  parts.push(polyline(legs[1]!, far), line(pose.feet[1], [pose.feet[1][0] + 13, pose.feet[1][1]], far));
  parts.push(polyline(arms[1]!, far));
  parts.push(line(pose.hip, shoulder, color, STROKE + 3));
  if (pose.squeeze) parts.push(circle([pose.hip[0] - 9, pose.hip[1] + 2], 9, ACCENT));
  parts.push(polyline(legs[0]!, color), line(pose.feet[0], [pose.feet[0][0] + 13, pose.feet[0][1]], color));
  parts.push(polyline(arms[0]!, color));
  parts.push(circle(head, HEAD, pose.tone === 'ghost' ? '#fff' : color, color));
  return parts.join('');
}

/** A standing hip height for feet on the ground. */
export const STAND_HIP = GROUND - THIGH - SHIN + 2;

export interface FrontPose {
  hip: Point;
  /** Sideways lean of the torso in degrees; positive leans to the picture's right. */
  lean?: number;
  /** Left and right (as seen) ankle positions. */
  feet: readonly [Point, Point];
  hands?: readonly [Point | null, Point | null];
  tone?: Tone;
  squeeze?: boolean;
  /** Shoulder line turned (drawn narrower), for a twist. */
  turn?: number;
}

export function frontFigure(pose: FrontPose): string {
  const color = pose.tone === 'ghost' ? GHOST : INK;
  const lean = ((pose.lean ?? 0) * Math.PI) / 180;
  const neck: Point = [pose.hip[0] + Math.sin(lean) * TORSO, pose.hip[1] - Math.cos(lean) * TORSO];
  const half = 17 * Math.cos(((pose.turn ?? 0) * Math.PI) / 180);
  const shoulders: [Point, Point] = [[neck[0] - half, neck[1] + 4], [neck[0] + half, neck[1] + 4]];
  const hips: [Point, Point] = [[pose.hip[0] - 11, pose.hip[1]], [pose.hip[0] + 11, pose.hip[1]]];
  const head: Point = [neck[0] + Math.sin(lean) * (HEAD + 6), neck[1] - Math.cos(lean) * (HEAD + 6)];
  const parts: string[] = [];
  if (pose.squeeze) parts.push(circle([pose.hip[0] - 9, pose.hip[1] + 6], 8, ACCENT), circle([pose.hip[0] + 9, pose.hip[1] + 6], 8, ACCENT));
  parts.push(line(pose.hip, neck, color, STROKE + 3), line(shoulders[0], shoulders[1], color), line(hips[0], hips[1], color));
  pose.feet.forEach((foot, i) => {
    const hip = hips[i]!;
    parts.push(polyline([hip, reach(hip, foot, THIGH, SHIN, i === 0 ? -1 : 1), foot], color));
    parts.push(line(foot, [foot[0] + (i === 0 ? -9 : 9), foot[1]], color));
  });
  (pose.hands ?? [null, null]).forEach((hand, i) => {
    const shoulder = shoulders[i]!;
    const target: Point = hand ?? [shoulder[0] + (i === 0 ? -6 : 6), shoulder[1] + UPPER_ARM + FOREARM - 4];
    parts.push(polyline([shoulder, reach(shoulder, target, UPPER_ARM, FOREARM, i === 0 ? -1 : 1), target], color));
  });
  parts.push(circle(head, HEAD, pose.tone === 'ghost' ? '#fff' : color, color));
  return parts.join('');
}

/** An orange arrow along a quadratic curve from `from` through `via` (the control point) to `to`. */
export function arrow(from: Point, via: Point, to: Point): string {
  const angle = Math.atan2(to[1] - via[1], to[0] - via[0]);
  const wing = (side: number): Point => [to[0] - Math.cos(angle + side * 0.5) * 13, to[1] - Math.sin(angle + side * 0.5) * 13];
  const head = polyline([wing(1), to, wing(-1)], ACCENT, 5);
  return `<path d="M${from[0]},${from[1]} Q${via[0]},${via[1]} ${to[0]},${to[1]}" fill="none" stroke="${ACCENT}" stroke-width="5" stroke-linecap="round"/>${head}`;
}

/** Short radiating strokes around a point: "squeeze here". */
export function pulse(at: Point, radius = 20): string {
  return [200, 250, 110, 160]
    .map((deg) => {
      const a = (deg * Math.PI) / 180;
      return line([at[0] + Math.cos(a) * radius, at[1] + Math.sin(a) * radius], [at[0] + Math.cos(a) * (radius + 9), at[1] + Math.sin(a) * (radius + 9)], ACCENT, 4);
    })
    .join('');
}

export function desk(x = 236, width = 110, top = 132): string {
  return [
    `<rect x="${x}" y="${top}" width="${width}" height="9" rx="3" fill="${FURNITURE}"/>`,
    line([x + 10, top + 6], [x + 10, GROUND], FURNITURE, 6),
    line([x + width - 10, top + 6], [x + width - 10, GROUND], FURNITURE, 6),
    `<rect x="${x + 30}" y="${top - 34}" width="46" height="30" rx="3" fill="none" stroke="${FURNITURE}" stroke-width="4"/>`,
    line([x + 53, top - 4], [x + 53, top], FURNITURE, 4),
  ].join('');
}

/** A chair seen from the side, seat at `seatY`, facing right. */
export function chair(x: number, seatY = GROUND - 50): string {
  return [
    line([x - 20, seatY], [x + 24, seatY], FURNITURE, 7),
    line([x - 20, seatY], [x - 24, seatY - 52], FURNITURE, 6),
    line([x, seatY], [x, GROUND - 12], FURNITURE, 5),
    line([x - 18, GROUND - 8], [x + 18, GROUND - 8], FURNITURE, 5),
  ].join('');
}

export function stairs(x: number, steps: number, rise = 22, run = 34): string {
  const points: Point[] = [[x, GROUND]];
  for (let i = 0; i < steps; i++) {
    const last = points[points.length - 1]!;
    points.push([last[0], last[1] - rise], [last[0] + run, last[1] - rise]);
  }
  const last = points[points.length - 1]!;
  points.push([last[0], GROUND]);
  const rail = line([x - 4, GROUND - 70], [last[0], GROUND - 70 - steps * rise], FURNITURE, 4);
  return `<polygon points="${points.map((p) => p.join(',')).join(' ')}" fill="#dde2ec" stroke="${FURNITURE}" stroke-width="3"/>${rail}`;
}

/** A resistance band drawn as a dashed orange line. */
export function band(a: Point, b: Point): string {
  return `<line x1="${a[0]}" y1="${a[1]}" x2="${b[0]}" y2="${b[1]}" stroke="${ACCENT}" stroke-width="4" stroke-dasharray="7 5" stroke-linecap="round"/>`;
}

export function frame(content: string, title: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="240" viewBox="0 0 360 240" role="img">`,
    `<title>${title.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</title>`,
    `<rect width="360" height="240" rx="16" fill="${BACKDROP}"/>`,
    line([16, GROUND + 3], [344, GROUND + 3], '#c5ccd9', 4),
    content,
    `</svg>`,
  ].join('\n');
}
