// Draws every challenge's picture as SVG into media/challenges/ (the committed source): `npx tsx scripts/draw-pictures.ts`.
// With --sheet, also writes /tmp/challenge-sheet.png, every picture on one page, to look at them together.
import { mkdirSync, writeFileSync } from 'node:fs';
import { CATALOGUE } from '../src/core/content/catalogue.ts';
import { pictureAlt } from '../src/core/content/pictures.ts';
import { frame } from './pictures/figure.ts';
import { SCENES } from './pictures/scenes.ts';

const OUT = new URL('../media/challenges/', import.meta.url);
mkdirSync(OUT, { recursive: true });
const missing = CATALOGUE.filter((c) => !SCENES[c.id]).map((c) => c.id);
if (missing.length > 0) throw new Error(`No scene for ${missing.join(', ')}`);
for (const challenge of CATALOGUE) {
  writeFileSync(new URL(`${challenge.id}.svg`, OUT), `${frame(SCENES[challenge.id]!(), pictureAlt(challenge.id))}\n`);
}
console.log(`drew ${CATALOGUE.length} pictures into media/challenges/`);

if (process.argv.includes('--sheet')) {
  const { Resvg } = await import('@resvg/resvg-js');
  const columns = 5;
  const cells = CATALOGUE.map((challenge, i) => {
    const x = (i % columns) * 370;
    const y = Math.floor(i / columns) * 270;
    const inner = frame(SCENES[challenge.id]!(), '').replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, '');
    return `<g transform="translate(${x},${y})">${inner}<text x="8" y="258" font-size="14" font-family="sans-serif">${challenge.id}</text></g>`;
  });
  const rows = Math.ceil(CATALOGUE.length / columns);
  const sheet = `<svg xmlns="http://www.w3.org/2000/svg" width="${columns * 370}" height="${rows * 270}"><rect width="100%" height="100%" fill="#fff"/>${cells.join('')}</svg>`;
  writeFileSync('/tmp/challenge-sheet.png', new Resvg(sheet).render().asPng());
  console.log('sheet: /tmp/challenge-sheet.png');
}
