// The Lua scripts: each documents its inputs and output, and each is registered under this package version's name.
import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { RedisStore } from '../../src/adapters/redis/index.ts';
import { SCRIPT_NAMES, commandName, readScriptFiles } from '../../src/adapters/redis/scripts.ts';
import { connectTestRedis, randomPrefix } from '../helpers/redis.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
const stores: RedisStore[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

function header(lua: string): string {
  return /^--\[\[([\s\S]*?)\]\]/.exec(lua)?.[1] ?? '';
}

it('every Lua script opens with a header naming each KEYS[i] and ARGV[i] it uses, and its output', () => {
  const files = readScriptFiles();
  expect(files.map((f) => f.name).sort()).toEqual([...SCRIPT_NAMES].sort());
  for (const file of files) {
    const head = header(file.lua);
    const body = file.lua.slice(file.lua.indexOf(']]'));
    expect(head, file.name).toMatch(/Input:/);
    expect(head, file.name).toMatch(/Output:/);
    for (const [, used] of body.matchAll(/\b((?:KEYS|ARGV)\[\d+\])/g)) expect(head, `${file.name} ${used}`).toContain(used);
    if (file.numberOfKeys !== null) {
      for (let i = 1; i <= file.numberOfKeys; i += 1) expect(head, file.name).toContain(`KEYS[${i}]`);
      expect(head, file.name).not.toContain(`KEYS[${file.numberOfKeys + 1}]`);
    }
  }
});

it('scripts are registered under a name carrying the package version', () => {
  const redis = connectTestRedis();
  stores.push(new RedisStore(redis, { prefix: randomPrefix('scripts') }));
  const expected = `${pkg.name}_${pkg.version.replace(/\W/g, '_')}_claimDue`;
  expect(commandName('claimDue')).toBe(expected);
  for (const name of SCRIPT_NAMES) expect(typeof (redis as unknown as Record<string, unknown>)[commandName(name)]).toBe('function');
});
