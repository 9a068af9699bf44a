// The core stays platform-neutral: it imports nothing of ours outside src/core and no platform, Redis or HTTP library.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const FORBIDDEN_PACKAGES = ['ioredis', '@slack/', 'botbuilder', 'botframework', 'express', 'node:http', 'node:https', 'pino', 'prom-client', 'node-cron'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
}

describe('dependency rule', () => {
  const coreDir = join(root, 'src/core');
  const coreFiles = filesUnder(coreDir);

  it('finds the core files', () => {
    expect(coreFiles.length).toBeGreaterThan(10);
  });

  it('core modules import only core modules and neutral libraries', () => {
    const violations: string[] = [];
    for (const file of coreFiles) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) {
          const target = resolve(file, '..', spec);
          if (!target.startsWith(coreDir)) violations.push(`${relative(root, file)} -> ${spec}`);
        } else if (FORBIDDEN_PACKAGES.some((p) => spec === p || spec.startsWith(p))) {
          violations.push(`${relative(root, file)} -> ${spec}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('adapters and the scheduler reach the core only through src/core/index.ts', () => {
    const outside = filesUnder(join(root, 'src')).filter((f) => !f.startsWith(coreDir));
    const violations: string[] = [];
    for (const file of outside) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = resolve(file, '..', spec);
        if (target.startsWith(coreDir) && target !== join(coreDir, 'index.ts')) violations.push(`${relative(root, file)} -> ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('no botbuilder import outside src/adapters/teams', () => {
    const outside = filesUnder(join(root, 'src')).filter((f) => !f.startsWith(join(root, 'src/adapters/teams')));
    const offenders = outside.filter((f) => importsOf(f).some((s) => s.startsWith('botbuilder') || s.startsWith('botframework')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
