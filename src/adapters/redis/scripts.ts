// Loads the Lua scripts in ./lua and registers them with defineCommand under a name carrying the package version,
// so two deployed versions never run each other's scripts. `<name>-<keys>.lua` has a fixed key count; a file named
// `<name>.lua` takes its key count with each call. A line `--- @include "<piece>"` pastes lua/includes/<piece>.lua in.
import { readdirSync, readFileSync } from 'node:fs';
import type { Cluster, Redis } from 'ioredis';

export const SCRIPT_NAMES = [
  'claimDue',
  'commitDueMany',
  'reapLeases',
  'extendLeases',
  'setPromptStatus',
  'setPromptBody',
  'swapPromptChallenge',
  'recordCompletion',
  'recordPromptSends',
  'settlePromptSends',
  'reserveSend',
  'holdSends',
  'putBoardEntry',
  'readBoard',
  'compareAndSet',
  'putMembersIfAbsent',
  'setDueMany',
] as const;
export type ScriptName = (typeof SCRIPT_NAMES)[number];

export interface ScriptFile {
  name: string;
  /** null: the caller passes the key count with each call. */
  numberOfKeys: number | null;
  lua: string;
}

const LUA_DIR = new URL('./lua/', import.meta.url);
const INCLUDE_DIR = new URL('./includes/', LUA_DIR);
const INCLUDE_LINE = /^--- @include "([\w-]+)"$/gm;

/** Shared Lua pieces are kept once, in lua/includes, and pasted where a script names them. */
function withIncludes(lua: string): string {
  return lua.replace(INCLUDE_LINE, (_, piece: string) => readFileSync(new URL(`${piece}.lua`, INCLUDE_DIR), 'utf8').trimEnd());
}

function readPackage(): { name: string; version: string } {
  return JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
}

/** `deskbreak_0_1_0_claimDue`: a Redis command name for this package version. */
export function commandName(name: string, pkg: { name: string; version: string } = readPackage()): string {
  return `${pkg.name}_${pkg.version}_${name}`.replace(/[^A-Za-z0-9_]/g, '_');
}

export function readScriptFiles(): ScriptFile[] {
  return readdirSync(LUA_DIR)
    .filter((file) => file.endsWith('.lua'))
    .map((file) => {
      const match = /^(.+?)(?:-(\d+))?\.lua$/.exec(file);
      if (!match?.[1]) throw new Error(`unexpected Lua file name ${file}`);
      return {
        name: match[1],
        numberOfKeys: match[2] === undefined ? null : Number(match[2]),
        lua: withIncludes(readFileSync(new URL(file, LUA_DIR), 'utf8')),
      };
    });
}

type ScriptCommand = (...args: Array<string | number>) => Promise<unknown>;

/** The registered scripts of one connection. */
export class Scripts {
  private readonly commands = new Map<ScriptName, { command: ScriptCommand; numberOfKeys: number | null }>();

  constructor(redis: Redis | Cluster) {
    const pkg = readPackage();
    const files = new Map(readScriptFiles().map((file) => [file.name, file]));
    for (const name of SCRIPT_NAMES) {
      const file = files.get(name);
      if (!file) throw new Error(`Lua script ${name} is missing from ${LUA_DIR.pathname}`);
      const command = commandName(name, pkg);
      redis.defineCommand(command, file.numberOfKeys === null ? { lua: file.lua } : { lua: file.lua, numberOfKeys: file.numberOfKeys });
      const bound = (redis as unknown as Record<string, ScriptCommand>)[command];
      if (!bound) throw new Error(`defineCommand did not register ${command}`);
      this.commands.set(name, { command: bound.bind(redis), numberOfKeys: file.numberOfKeys });
    }
  }

  run(name: ScriptName, keys: string[], args: Array<string | number>): Promise<unknown> {
    const script = this.commands.get(name);
    if (!script) throw new Error(`unknown script ${name}`);
    if (script.numberOfKeys === null) return script.command(keys.length, ...keys, ...args);
    if (keys.length !== script.numberOfKeys) throw new Error(`${name} takes ${script.numberOfKeys} keys, got ${keys.length}`);
    return script.command(...keys, ...args);
  }
}
