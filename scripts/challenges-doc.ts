// Rewrites the catalogue table in docs/challenges.md from the catalogue: `npx tsx scripts/challenges-doc.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { CATALOGUE } from '../src/core/content/catalogue.ts';
import { isSeated } from '../src/core/content/tags.ts';
import { pictureAlt } from '../src/core/content/pictures.ts';

const DOC = new URL('../docs/challenges.md', import.meta.url);
const START = '<!-- catalogue:start -->';
const END = '<!-- catalogue:end -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function catalogueTable(): string {
  const rows = CATALOGUE.map((c) => {
    const tags = [...(isSeated(c.tags) ? ['seated'] : []), ...c.tags.map((t) => `\`${t}\``)].join(', ');
    const easier = c.easier ?? (isSeated(c.tags) ? 'already seated' : '');
    const picture = `<img src="../media/challenges/${c.id}.svg" width="150" alt="${pictureAlt(c.id).replace(/"/g, '&quot;')}">`;
    return `| ${picture} | ${cell(c.title)} | \`${c.id}\` | ${tags} | ${c.seconds} | ${cell(easier)} |`;
  });
  return ['| Picture | Title | Id | Needs (tags) | Seconds | Easier version |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

const page = readFileSync(DOC, 'utf8');
const from = page.indexOf(START);
const to = page.indexOf(END);
if (from === -1 || to === -1) throw new Error(`docs/challenges.md needs the ${START} and ${END} markers`);
writeFileSync(DOC, `${page.slice(0, from + START.length)}\n${catalogueTable()}\n${page.slice(to)}`);
