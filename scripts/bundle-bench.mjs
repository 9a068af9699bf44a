// Compiles bench files the way the shipped build compiles src/ (esbuild with scripts/esbuild-node.mjs; npm packages
// stay in node_modules), into bench/.out/<name>.mjs. Run through tsx instead, a click cost 12-15% more CPU: tsx
// compiles with keepNames, which names every function again each time a closure is created.
// Usage: node scripts/bundle-bench.mjs bench/<name>.bench.ts [...]; prints each output path.
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { NODE_BUILD } from './esbuild-node.mjs';

const OUT = resolve(import.meta.dirname, '../bench/.out');

/**
 * A bundled file's import.meta would describe the bundle: each source file gets its own folder back, so files it
 * reads next to itself (Lua scripts, media, the repository root) are found. Only the entry keeps the bundle's url
 * and filename, so a bench that starts itself again (a worker, a fork) starts the compiled copy.
 */
function ownPlaces(entry) {
  return {
    name: 'own-places',
    setup(esbuild) {
      esbuild.onLoad({ filter: /\.ts$/ }, async (args) => {
        let contents = (await readFile(args.path, 'utf8')).replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)));
        if (args.path !== entry) contents = contents.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)).replaceAll('import.meta.filename', JSON.stringify(args.path));
        return { contents, loader: 'ts' };
      });
    },
  };
}

for (const file of process.argv.slice(2)) {
  const entry = resolve(file);
  const outfile = resolve(OUT, basename(entry).replace(/\.ts$/, '.mjs'));
  await build({ ...NODE_BUILD, entryPoints: [entry], outfile, packages: 'external', plugins: [ownPlaces(entry)], logLevel: 'warning' });
  console.log(outfile);
}
