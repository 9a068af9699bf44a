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

/** Pure folders: rules that take data and a time and return data. */
const PURE_FOLDERS = ['schedule', 'content', 'progress'];
/** What a pure folder may import inside the core besides the pure folders: shapes, views, errors, ids and the memo. */
const PURE_MAY_IMPORT = ['model.ts', 'views.ts', 'errors.ts', 'ids.ts', 'memo.ts', 'ports'];
/** The core's top level: its entry points, shapes and plumbing; every other file sits in a folder named for its concern. */
const CORE_TOP_LEVEL = ['commands.ts', 'context.ts', 'errors.ts', 'ids.ts', 'index.ts', 'memo.ts', 'model.ts', 'service.ts', 'views.ts'];

/** `importer -> spec` for each import of a pure-folder file that reaches a use case, dispatch or the service. */
function pureFolderViolations(coreDir: string, files: string[], importsOfFile: (file: string) => string[]): string[] {
  const violations: string[] = [];
  for (const file of files) {
    const folder = relative(coreDir, file).split('/')[0] ?? '';
    if (!PURE_FOLDERS.includes(folder)) continue;
    for (const spec of importsOfFile(file)) {
      if (!spec.startsWith('.')) continue;
      const first = relative(coreDir, resolve(file, '..', spec)).split('/')[0] ?? '';
      if (!PURE_FOLDERS.includes(first) && !PURE_MAY_IMPORT.includes(first)) violations.push(`${relative(coreDir, file)} -> ${spec}`);
    }
  }
  return violations;
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

  it('pure folders (schedule, content, progress) import no use case, dispatch code or service', () => {
    expect(pureFolderViolations(coreDir, coreFiles, importsOf)).toEqual([]);
  });

  it('the pure-folder rule catches an import of a use case', () => {
    const streaks = join(coreDir, 'progress/streaks.ts');
    const planted = (file: string) => (file === streaks ? ['../people/members.ts', '../model.ts'] : []);
    expect(pureFolderViolations(coreDir, [streaks], planted)).toEqual(['progress/streaks.ts -> ../people/members.ts']);
  });

  it('every core file sits in a folder named for its concern, and no folder grows past a dozen files', () => {
    const topLevel = coreFiles.filter((f) => !relative(coreDir, f).includes('/')).map((f) => relative(coreDir, f));
    expect(topLevel.filter((name) => !CORE_TOP_LEVEL.includes(name))).toEqual([]);
    const sizes = new Map<string, number>();
    for (const file of coreFiles) {
      const parts = relative(coreDir, file).split('/');
      if (parts.length > 1) sizes.set(parts[0] ?? '', (sizes.get(parts[0] ?? '') ?? 0) + 1);
    }
    expect([...sizes].filter(([, count]) => count > 12)).toEqual([]);
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
