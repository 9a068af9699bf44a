// Runs every bench/*.bench.ts in turn, each in its own process so one's memory does not colour the next. Each runs
// compiled as the shipped build is (scripts/bundle-bench.mjs), not through tsx: tsx's keepNames costs a click 12-15%.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv[2];
const files = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const bundled = spawnSync(process.execPath, [`${import.meta.dirname}/../scripts/bundle-bench.mjs`, `${import.meta.dirname}/${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const compiled = bundled.stdout.trim();
  const run = bundled.status === 0 ? spawnSync(process.execPath, [compiled], { stdio: 'inherit' }) : bundled;
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
