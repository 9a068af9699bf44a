// The compiled build: src/main.ts and what it needs on every start (our code, express, zod, pino, prom-client, luxon,
// node-cron) bundled by esbuild into dist/, so start-up reads a few files instead of ~450 (issue 15: module loading was
// most of the start). Each platform's adapter stays a separate chunk loaded only when that platform is on, and the
// platform SDKs, ioredis and the libraries loaded lazily by createRequire stay in node_modules.
import { readFile, readdir, rm } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { NODE_BUILD } from './esbuild-node.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = resolve(ROOT, 'src');

/** Loaded from node_modules at run time: the SDKs behind a platform or Redis (lazy chunks import them). */
const EXTERNAL = ['@slack/*', 'botbuilder', 'botbuilder-*', 'botframework-*', 'ioredis'];

/**
 * Every chunk lands in dist/ itself, so `import.meta.url` in a bundled file would point there instead of where tsc put
 * that file: rewrite it to the file's own place (dist/http/pictures.js, ...), and relative paths to the Lua scripts,
 * the web chat's static files, media/ and package.json resolve as they did.
 */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const compiledPath = relative(SRC, args.path).replace(/\.ts$/, '.js');
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(`./${compiledPath}`)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

// A fresh dist/ (the Teams app package in dist/teams/ is built separately and kept).
const DIST = resolve(ROOT, 'dist');
for (const entry of await readdir(DIST).catch(() => [])) if (entry !== 'teams') await rm(resolve(DIST, entry), { recursive: true, force: true });

await build({
  entryPoints: [resolve(SRC, 'main.ts')],
  outdir: DIST,
  ...NODE_BUILD,
  splitting: true,
  sourcemap: true,
  external: EXTERNAL,
  plugins: [ownUrl],
  logLevel: 'warning',
});
