// Preloaded by bench/startup.bench.ts (`node --import`): appends each npm package the process resolves to the file in
// LOADED_PACKAGES_FILE, so the bench can say which SDKs a mode loaded by the time it was ready.
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const file = process.env['LOADED_PACKAGES_FILE'];
const seen = new Set<string>();
const PACKAGE = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//;

if (file) {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      const name = PACKAGE.exec(resolved.url)?.[1];
      if (name !== undefined && !seen.has(name)) {
        seen.add(name);
        appendFileSync(file, `${name}\n`);
      }
      return resolved;
    },
  });
}
