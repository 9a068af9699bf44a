// Start-up cost: time from spawn to the first 200 on /readyz, and CPU time and RSS then, for the compiled bot with the
// web chat only, with Slack on, with Teams on, with Redis, and for `npm start` (tsx), next to Node's own floor (a bare
// HTTP server answering /readyz). Side by side in one run, with each target's verdict and the SDKs each mode loaded by
// the time it was ready; needs `npm run build` first. STARTUP_BEFORE=<another checkout, built> runs the same modes
// there too, round by round in turn with this one, and prints its rows next to these (before/after on a shared machine).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const ROUNDS = Number(process.env['STARTUP_ROUNDS'] ?? 5);
/** Linux's USER_HZ: /proc reports CPU time in hundredths of a second. */
const CLOCK_TICKS = 100;
const BEFORE = process.env['STARTUP_BEFORE'] ? resolve(process.env['STARTUP_BEFORE']) : null;

interface Case {
  name: string;
  command: string[];
  env: Record<string, string>;
  /** Issue 15's targets for this mode, where it sets one. */
  target?: { ms: number; rssMb?: number };
  /** Packages this mode must have loaded by the time it is ready, and those it must not have loaded yet. */
  loads?: { must: string[]; mustNot: string[] };
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** CPU time (user + system, ms) the process has used so far: less swayed than wall time by other jobs on the machine. */
function cpuMs(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * (1000 / CLOCK_TICKS);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** The node process serving the port: `npm start` runs node under npm and tsx, so look for the deepest child. */
function servingPid(child: ChildProcess): number {
  let pid = child.pid ?? 0;
  for (;;) {
    const path = `/proc/${pid}/task/${pid}/children`;
    const next = existsSync(path) ? readFileSync(path, 'utf8').trim().split(/\s+/).filter(Boolean) : [];
    if (next.length === 0) return pid;
    pid = Number(next[next.length - 1]);
  }
}

interface Start {
  ms: number;
  cpu: number;
  rss: number;
}

async function startOnce(c: Case, root: string, extraEnv: Record<string, string> = {}): Promise<Start> {
  const port = await freePort();
  const started = performance.now();
  const [command, ...args] = c.command as [string, ...string[]];
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...c.env, ...extraEnv },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      if (performance.now() - started > 30_000) throw new Error(`${c.name}: not ready in 30 s`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
      if (ok) {
        const ms = performance.now() - started;
        const pid = servingPid(child);
        return { ms, cpu: cpuMs(pid), rss: rssMb(pid) };
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** One more start with a resolve hook preloaded: which of `watched` the mode had loaded when /readyz first said 200. */
async function packagesLoaded(c: Case, root: string): Promise<Set<string>> {
  const dir = mkdtempSync(join(tmpdir(), 'startup-bench-'));
  const file = join(dir, 'packages');
  try {
    await startOnce(c, root, { LOADED_PACKAGES_FILE: file, NODE_OPTIONS: `--import=${resolve(ROOT, 'bench/loaded-packages-hook.ts')}` });
    return new Set(existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const node = process.execPath;
/** Node's floor: a bare HTTP server that answers /readyz, started and measured the same way. */
const FLOOR = "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), process.env.HOST)";
const PLATFORM_SDKS = ['@slack/bolt', '@slack/web-api', 'botbuilder', 'ioredis'];
/** Loaded only when first needed (a holiday calendar, a picture): none of the modes should load them to be ready. */
const LAZY = ['date-holidays', '@resvg/resvg-js'];
const except = (kept: string[]) => [...PLATFORM_SDKS, ...LAZY].filter((p) => !kept.includes(p));
const slackEnv = { SLACK_SIGNING_SECRET: 'bench-signing-secret', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: 'http://127.0.0.1:9/api/' };
// Redis under its own prefix with the scheduler off: the start pings Redis and writes nothing.
const redisEnv = { REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', REDIS_PREFIX: 'bench-startup:', SCHEDULER_ENABLED: 'false' };
const cases: Case[] = [
  { name: 'Node floor (bare HTTP server)', command: [node, '-e', FLOOR], env: {} },
  { name: 'compiled, web chat only', command: [node, 'dist/main.js'], env: {}, target: { ms: 500, rssMb: 100 }, loads: { must: [], mustNot: except([]) } },
  // The first start after a build or on a fresh machine: Node's compile cache (src/main.ts) has nothing yet.
  { name: 'compiled, web chat only, no compile cache', command: [node, 'dist/main.js'], env: { NODE_DISABLE_COMPILE_CACHE: '1' }, target: { ms: 500, rssMb: 100 } },
  { name: 'compiled, web chat + Slack', command: [node, 'dist/main.js'], env: { ...slackEnv, WEB_CHAT_ENABLED: 'true' }, loads: { must: ['@slack/bolt', '@slack/web-api'], mustNot: except(['@slack/bolt', '@slack/web-api']) } },
  { name: 'compiled, web chat + Teams', command: [node, 'dist/main.js'], env: { TEAMS_ALLOW_ANONYMOUS: 'true', WEB_CHAT_ENABLED: 'true' }, loads: { must: ['botbuilder'], mustNot: except(['botbuilder']) } },
  { name: 'compiled, web chat + Redis store', command: [node, 'dist/main.js'], env: redisEnv, loads: { must: ['ioredis'], mustNot: except(['ioredis']) } },
  { name: 'npm start (tsx), web chat only', command: ['npm', 'start'], env: {}, target: { ms: 2000 } },
];

const roots = BEFORE ? [ROOT, BEFORE] : [ROOT];
for (const root of roots) {
  if (!existsSync(resolve(root, 'dist/main.js'))) {
    console.error(`startup bench: run \`npm run build\` in ${root} first`);
    process.exit(1);
  }
}
console.log(`start-up, median of ${ROUNDS} (spawn -> first 200 on /readyz; CPU time and RSS of the serving process then)${BEFORE ? `; "before" = ${BEFORE}` : ''}`);
type Row = { c: Case; label: string; ms: number; cpu: number; rss: number; loaded: Set<string> | null };
const rows: Row[] = [];
for (const c of cases) {
  // The floor runs no code of either checkout: measured once.
  const caseRoots = c === cases[0] ? [ROOT] : roots;
  const runs = caseRoots.map(() => [] as Start[]);
  // Rounds alternate between the checkouts, so a change in the machine's load touches both alike.
  for (let i = 0; i < ROUNDS; i += 1) for (const [r, root] of caseRoots.entries()) runs[r]?.push(await startOnce(c, root));
  for (const [r, root] of caseRoots.entries()) {
    const own = runs[r] ?? [];
    const label = root === BEFORE ? `${c.name}, before` : c.name;
    rows.push({ c, label, ms: median(own.map((x) => x.ms)), cpu: median(own.map((x) => x.cpu)), rss: median(own.map((x) => x.rss)), loaded: c.loads ? await packagesLoaded(c, root) : null });
  }
}

const floor = rows[0] as { ms: number; rss: number };
const verdict = (c: Case, ms: number, rss: number): string => {
  if (!c.target) return '';
  const { ms: maxMs, rssMb } = c.target;
  const parts = [`< ${maxMs} ms ${ms < maxMs ? 'met' : 'MISSED'}`];
  if (rssMb !== undefined) parts.push(`< ${rssMb} MB ${rss < rssMb ? 'met' : 'MISSED'}`);
  return parts.join(', ');
};
const sdkCheck = (c: Case, loaded: Set<string> | null): string => {
  if (!c.loads || !loaded) return '';
  const missing = c.loads.must.filter((p) => !loaded.has(p));
  const extra = c.loads.mustNot.filter((p) => loaded.has(p));
  const has = [...PLATFORM_SDKS, ...LAZY].filter((p) => loaded.has(p));
  const fault = [...missing.map((p) => `${p} NOT loaded`), ...extra.map((p) => `${p} loaded too early`)];
  return `loaded: ${has.length > 0 ? has.join(' ') : 'no SDK'}${fault.length > 0 ? ` (${fault.join('; ')})` : ' (ok)'}`;
};
console.log(`${'mode'.padEnd(52)} ${'ready'.padStart(8)} ${'CPU'.padStart(8)} ${'RSS'.padStart(8)} ${'over floor'.padStart(18)}  target`);
for (const { c, label, ms, cpu, rss, loaded } of rows) {
  const over = c === cases[0] ? '' : `+${(ms - floor.ms).toFixed(0)} ms +${(rss - floor.rss).toFixed(0)} MB`;
  const notes = [verdict(c, ms, rss), sdkCheck(c, loaded)].filter(Boolean).join('; ');
  console.log(`${label.padEnd(52)} ${`${ms.toFixed(0)} ms`.padStart(8)} ${`${cpu.toFixed(0)} ms`.padStart(8)} ${`${rss.toFixed(0)} MB`.padStart(8)} ${over.padStart(18)}  ${notes}`);
}
