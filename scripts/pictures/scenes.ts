// One scene per challenge: the figure at its desk in the movement's poses (grey = start, dark = the move), with an
// orange arrow for the movement and an orange patch where the glutes squeeze.
import { arrow, band, chair, desk, frontFigure, GROUND, pulse, sideFigure, STAND_HIP, stairs, type Point, type SidePose } from './figure.ts';

const FOOT = GROUND - 4;
const HIP_X = 208;
const HIP: Point = [HIP_X, STAND_HIP];
const DESK_HAND: Point = [240, 128];
const SEAT_Y = GROUND - 50;
const SIT_HIP: Point = [170, SEAT_Y - 6];

function standing(extra: Partial<SidePose> = {}): SidePose {
  return { hip: HIP, lean: 8, feet: [[HIP_X + 4, FOOT], [HIP_X - 4, FOOT]], hands: [DESK_HAND, [DESK_HAND[0] - 4, DESK_HAND[1]]], ...extra };
}

function seated(extra: Partial<SidePose> = {}): SidePose {
  return { hip: SIT_HIP, lean: 0, feet: [[216, FOOT], [210, FOOT]], hands: [[200, SEAT_Y - 10], [196, SEAT_Y - 10]], ...extra };
}

/** Standing at the desk, one straight leg moved back by `deg` degrees; the foot lifts as the leg goes back. */
function legBack(deg: number, extra: Partial<SidePose> = {}): SidePose {
  const a = (deg * Math.PI) / 180;
  const foot: Point = [HIP_X - Math.sin(a) * 87, Math.min(FOOT, STAND_HIP + Math.cos(a) * 87)];
  return standing({ feet: [foot, [HIP_X - 2, FOOT]], ...extra });
}

const atDesk = (...parts: string[]): string => desk() + parts.join('');
const seatedAtDesk = (...parts: string[]): string => desk() + chair(170) + parts.join('');
const ghost = (pose: SidePose): SidePose => ({ ...pose, tone: 'ghost', squeeze: false });

const legBackScene = (deg: number, extra: string[] = [], solid: Partial<SidePose> = {}): string =>
  atDesk(sideFigure(ghost(standing())), ...extra, sideFigure(legBack(deg, { squeeze: true, ...solid })), arrow([196, 206], [170, 214], [150, 192]));

const bandToDeskLeg = (deg: number): string => {
  const a = (deg * Math.PI) / 180;
  return band([246, GROUND - 16], [HIP_X - Math.sin(a) * 87, Math.min(FOOT, STAND_HIP + Math.cos(a) * 87) - 4]);
};

const walker = (x: number, stride: number, tone: 'solid' | 'ghost', hands?: readonly [Point | null, Point | null]): SidePose => ({
  hip: [x, STAND_HIP + 3],
  lean: 6,
  feet: [[x + stride, FOOT], [x - stride, FOOT - 6]],
  hands: hands ?? [[x - 22, STAND_HIP + 2], [x + 24, STAND_HIP - 2]],
  tone,
});

/** A straight-legged standing hip in the front view. */
const FRONT_HIP = FOOT - 88;
const front = (x: number) => ({ hip: [x, FRONT_HIP] as Point });

export const SCENES: Record<string, () => string> = {
  'glute-clench-test': () => atDesk(sideFigure(standing({ squeeze: true })), pulse([HIP_X - 9, STAND_HIP + 2])),
  'single-side-clench': () =>
    frontFigure({ ...front(120), feet: [[108, FOOT], [132, FOOT]], squeeze: false, hands: [null, [150, 150]] }) +
    `<circle cx="111" cy="${STAND_HIP + 6}" r="8" fill="#e4572e"/>` +
    pulse([111, STAND_HIP + 6], 14) +
    frontFigure({ ...front(250), feet: [[238, FOOT], [262, FOOT]], hands: [[232, 150], null] }) +
    `<circle cx="259" cy="${STAND_HIP + 6}" r="8" fill="#e4572e"/>` +
    pulse([259, STAND_HIP + 6], 14) +
    arrow([160, 60], [185, 40], [210, 60]),
  'stand-up-clench': () =>
    seatedAtDesk(sideFigure(ghost(seated())), sideFigure(standing({ squeeze: true, hip: [186, STAND_HIP], feet: [[196, FOOT], [188, FOOT]], hands: [null, null], lean: 2 })), arrow([140, 150], [126, 110], [146, 78])),
  'physio-desk-routine': () =>
    frontFigure({ hip: [105, STAND_HIP + 24], feet: [[62, FOOT], [148, FOOT]], hands: [[82, STAND_HIP + 30], [128, STAND_HIP + 30]], tone: 'ghost' }) +
    frontFigure({ hip: [250, STAND_HIP], feet: [[226, FOOT], [274, FOOT]], hands: [[238, STAND_HIP + 4], [262, STAND_HIP + 4]], squeeze: true, turn: 50 }) +
    arrow([150, 120], [180, 90], [205, 112]) +
    arrow([222, 52], [250, 36], [278, 52]),
  'standing-hip-extension': () => legBackScene(35),
  'band-hip-extension': () => legBackScene(35, [bandToDeskLeg(35)]),
  'band-kickback-pulse': () =>
    atDesk(sideFigure(ghost(legBack(22))), bandToDeskLeg(34), sideFigure(legBack(34, { squeeze: true })), arrow([150, 178], [140, 168], [136, 154]), arrow([150, 200], [138, 206], [128, 196])),
  'band-extension-hold': () => atDesk(bandToDeskLeg(35), sideFigure(legBack(35, { squeeze: true })), pulse([HIP_X - 9, STAND_HIP + 2]), arrow([196, 206], [170, 214], [150, 192])),
  'band-side-step': () =>
    frontFigure({ hip: [130, STAND_HIP + 6], feet: [[112, FOOT], [148, FOOT]], tone: 'ghost' }) +
    frontFigure({ hip: [200, STAND_HIP + 6], feet: [[172, FOOT], [228, FOOT]], squeeze: true }) +
    band([180, STAND_HIP + 48], [220, STAND_HIP + 48]) +
    arrow([230, 100], [262, 92], [292, 104]),
  'reverse-lunge': () =>
    atDesk(
      sideFigure(ghost(standing())),
      sideFigure({ hip: [HIP_X - 6, STAND_HIP + 30], lean: 4, feet: [[HIP_X + 20, FOOT], [HIP_X - 70, FOOT]], knees: [1, 1], hands: [DESK_HAND, null], squeeze: true }),
      arrow([186, 206], [160, 214], [130, 204]),
    ),
  'brisk-walk': () => sideFigure(walker(120, 30, 'ghost')) + sideFigure({ ...walker(210, 32, 'solid'), squeeze: true }) + arrow([250, 70], [280, 60], [312, 70]),
  'single-leg-balance': () =>
    atDesk(sideFigure({ ...standing({ squeeze: true, hands: [[236, 128], null] }), feet: [[HIP_X + 2, FOOT], [HIP_X - 24, FOOT - 40]] }), arrow([150, 200], [150, 190], [164, 174])),
  'posterior-chain-wake-up': () =>
    sideFigure({ hip: [150, STAND_HIP], feet: [[152, FOOT], [146, FOOT]], hands: [[150, STAND_HIP + 4], [146, STAND_HIP + 4]], tone: 'ghost' }) +
    sideFigure({ hip: [158, STAND_HIP], lean: -16, feet: [[152, FOOT], [146, FOOT]], hands: [[154, STAND_HIP + 2], [150, STAND_HIP + 2]], squeeze: true }) +
    arrow([170, 40], [150, 30], [128, 44]),
  'seated-glute-squeeze': () => seatedAtDesk(sideFigure(seated({ squeeze: true, hip: [170, SIT_HIP[1] - 5] })), pulse([161, SIT_HIP[1] - 3]), arrow([124, 170], [118, 150], [124, 132])),
  'step-back-walk': () =>
    atDesk(sideFigure(ghost(standing())), sideFigure(standing({ feet: [[HIP_X - 56, FOOT - 2], [HIP_X - 2, FOOT]], squeeze: true })), arrow([200, 206], [180, 214], [158, 204])),
  'stair-climb': () =>
    stairs(150, 3) +
    sideFigure({ hip: [100, STAND_HIP + 3], lean: 8, feet: [[118, FOOT], [86, FOOT - 4]], hands: [[120, STAND_HIP - 6], [88, STAND_HIP + 20]], tone: 'ghost' }) +
    sideFigure({ hip: [196, STAND_HIP - 40], lean: 10, feet: [[214, FOOT - 66], [178, FOOT - 44]], hands: [[214, STAND_HIP - 64], [180, STAND_HIP - 10]], squeeze: true }) +
    arrow([240, 60], [262, 40], [290, 40]),
  'mid-range-hold': () => atDesk(sideFigure(ghost(standing())), sideFigure(legBack(20, { squeeze: true })), pulse([HIP_X - 9, STAND_HIP + 2]), arrow([200, 206], [184, 214], [170, 204])),
  'hip-hinge': () =>
    sideFigure({ hip: [150, STAND_HIP + 4], lean: 50, feet: [[160, FOOT], [154, FOOT]], hands: [[180, STAND_HIP + 30], [176, STAND_HIP + 30]], tone: 'ghost' }) +
    sideFigure({ hip: [150, STAND_HIP], lean: 0, feet: [[160, FOOT], [154, FOOT]], hands: [[164, STAND_HIP + 20], [158, STAND_HIP + 20]], squeeze: true }) +
    arrow([236, 108], [240, 60], [196, 40]),
  'side-leg-lift': () =>
    frontFigure({ hip: [170, FRONT_HIP], feet: [[158, FOOT], [182, FOOT]], hands: [[130, 128], null], tone: 'ghost' }) +
    frontFigure({ hip: [170, FRONT_HIP], feet: [[158, FOOT], [222, FOOT - 30]], hands: [[130, 128], null], squeeze: true }) +
    `<rect x="84" y="124" width="52" height="9" rx="3" fill="#8d99ae"/><line x1="92" y1="130" x2="92" y2="${GROUND}" stroke="#8d99ae" stroke-width="6"/>` +
    arrow([200, 208], [224, 214], [240, 188]),
  'split-stance-squeeze': () =>
    atDesk(sideFigure(ghost(standing())), sideFigure(standing({ hip: [HIP_X - 10, STAND_HIP + 6], lean: 2, feet: [[HIP_X + 12, FOOT], [HIP_X - 58, FOOT - 8]], squeeze: true })), arrow([188, 206], [166, 214], [148, 200])),
  'twist-and-clench': () =>
    frontFigure({ hip: [180, FRONT_HIP], feet: [[168, FOOT], [192, FOOT]], hands: [[168, FRONT_HIP + 2], [192, FRONT_HIP + 2]], squeeze: true, turn: 55 }) +
    arrow([140, 60], [148, 40], [170, 36]) +
    arrow([220, 60], [212, 40], [190, 36]),
  'wide-stance-stretch': () =>
    frontFigure({ hip: [180, STAND_HIP + 22], lean: -6, feet: [[128, FOOT], [232, FOOT]], hands: [[150, STAND_HIP + 30], [200, STAND_HIP + 30]] }) +
    arrow([150, 44], [180, 26], [210, 44]) +
    arrow([236, 150], [250, 170], [236, 190]),
  'march-in-place': () =>
    atDesk(
      sideFigure(ghost({ ...standing(), feet: [[HIP_X + 4, FOOT], [HIP_X - 2, FOOT]] })),
      sideFigure({ ...standing({ squeeze: true, hands: [DESK_HAND, null] }), feet: [[HIP_X + 30, FOOT - 40], [HIP_X - 2, FOOT]] }),
      arrow([268, 186], [276, 200], [262, 212]),
    ),
  'long-stride-walk': () => sideFigure(walker(110, 24, 'ghost')) + sideFigure({ ...walker(210, 40, 'solid'), squeeze: true }) + arrow([150, 206], [164, 214], [176, 206]) + arrow([250, 70], [280, 60], [312, 70]),
  'water-walk': () =>
    sideFigure(walker(110, 30, 'ghost')) +
    sideFigure({ ...walker(210, 32, 'solid', [[240, STAND_HIP - 6], [188, STAND_HIP + 4]]), squeeze: true }) +
    `<rect x="236" y="${STAND_HIP - 26}" width="14" height="22" rx="3" fill="#5fa8d3"/>` +
    arrow([262, 70], [288, 60], [320, 70]),
  'stair-step-up': () =>
    stairs(176, 2, 26, 50) +
    sideFigure({ hip: [160, STAND_HIP], lean: 8, feet: [[192, FOOT - 26], [154, FOOT]], hands: [[178, STAND_HIP - 26], null], tone: 'ghost' }) +
    sideFigure({ hip: [196, STAND_HIP - 26], lean: 4, feet: [[200, FOOT - 26], [186, FOOT - 30]], hands: [[214, STAND_HIP - 44], null], squeeze: true }) +
    arrow([150, 80], [150, 50], [176, 38]),
  'standing-clench-ladder': () =>
    atDesk(sideFigure(standing({ squeeze: true })), pulse([HIP_X - 9, STAND_HIP + 2])) +
    [1, 2, 3, 4, 5].map((n) => `<rect x="${40 + n * 14}" y="${110 - n * 12}" width="10" height="${n * 12}" rx="2" fill="#e4572e"/>`).join(''),
  'seated-single-side': () =>
    frontFigure({ hip: [110, SEAT_Y - 10], feet: [[96, FOOT], [124, FOOT]], hands: [[98, SEAT_Y], [122, SEAT_Y]] }).replace(/$/, '') +
    `<rect x="82" y="${SEAT_Y}" width="56" height="8" rx="3" fill="#8d99ae"/><circle cx="101" cy="${SEAT_Y - 6}" r="8" fill="#e4572e"/>` +
    pulse([101, SEAT_Y - 6], 14) +
    frontFigure({ hip: [250, SEAT_Y - 10], feet: [[236, FOOT], [264, FOOT]], hands: [[238, SEAT_Y], [262, SEAT_Y]] }) +
    `<rect x="222" y="${SEAT_Y}" width="56" height="8" rx="3" fill="#8d99ae"/><circle cx="259" cy="${SEAT_Y - 6}" r="8" fill="#e4572e"/>` +
    pulse([259, SEAT_Y - 6], 14) +
    arrow([150, 70], [180, 50], [210, 70]),
  'seated-heel-press': () => seatedAtDesk(sideFigure(seated({ squeeze: true })), arrow([236, 176], [234, 196], [214, 206])),
  'seated-weight-shift': () =>
    `<rect x="112" y="${SEAT_Y}" width="100" height="8" rx="3" fill="#8d99ae"/>` +
    frontFigure({ hip: [156, SEAT_Y - 14], lean: -14, feet: [[148, FOOT], [176, FOOT]], hands: [[136, SEAT_Y], null] }) +
    `<circle cx="170" cy="${SEAT_Y - 10}" r="8" fill="#e4572e"/>` +
    arrow([200, 80], [176, 60], [150, 70]) +
    arrow([196, 150], [206, 140], [200, 126]),
  'seated-hip-hinge': () =>
    seatedAtDesk(sideFigure(ghost(seated({ lean: 36, hands: [[212, SEAT_Y - 4], [208, SEAT_Y - 4]] }))), sideFigure(seated({ squeeze: true })), arrow([232, 86], [226, 50], [192, 40])),
  'seated-quick-squeezes': () =>
    seatedAtDesk(sideFigure(seated({ squeeze: true })), pulse([161, SIT_HIP[1] + 2], 16), pulse([161, SIT_HIP[1] + 2], 30)),
  'seated-rise-rehearsal': () =>
    seatedAtDesk(sideFigure(ghost(seated())), sideFigure(seated({ hip: [176, SIT_HIP[1] - 4], lean: 32, feet: [[206, FOOT], [200, FOOT]], hands: [[206, SEAT_Y - 6], [202, SEAT_Y - 6]], squeeze: true })), arrow([120, 120], [140, 92], [176, 84])),
  'seated-tall-squeeze': () =>
    seatedAtDesk(sideFigure(seated({ squeeze: true, hip: [170, SIT_HIP[1] - 3] })), pulse([161, SIT_HIP[1] - 1]), arrow([130, 110], [124, 80], [132, 50])),
  'seated-band-knee-press': () =>
    `<rect x="132" y="${SEAT_Y}" width="96" height="8" rx="3" fill="#8d99ae"/>` +
    frontFigure({ hip: [180, SEAT_Y - 8], feet: [[166, FOOT], [194, FOOT]], hands: [[160, SEAT_Y + 6], [200, SEAT_Y + 6]], tone: 'ghost' }) +
    frontFigure({ hip: [180, SEAT_Y - 8], feet: [[150, FOOT], [210, FOOT]], hands: [[160, SEAT_Y + 6], [200, SEAT_Y + 6]], squeeze: true }) +
    band([150, SEAT_Y + 26], [210, SEAT_Y + 26]) +
    arrow([140, 178], [126, 184], [112, 176]) +
    arrow([220, 178], [234, 184], [248, 176]),
};
