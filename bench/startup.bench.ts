// Start-up cost: time from spawn to the first 200 on /readyz, and RSS then, for the compiled bot with the web chat only,
// with Slack on, with Teams on, and for `npm start` (tsx). Side by side in one run; needs `npm run build` first.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const ROUNDS = Number(process.env['STARTUP_ROUNDS'] ?? 5);

interface Case {
  name: string;
  command: string[];
  env: Record<string, string>;
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

async function startOnce(c: Case): Promise<{ ms: number; rss: number }> {
  const port = await freePort();
  const started = performance.now();
  const [command, ...args] = c.command as [string, ...string[]];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...c.env },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      if (performance.now() - started > 30_000) throw new Error(`${c.name}: not ready in 30 s`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
      if (ok) return { ms: performance.now() - started, rss: rssMb(servingPid(child)) };
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const node = process.execPath;
const slackEnv = { SLACK_SIGNING_SECRET: 'bench-signing-secret', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: 'http://127.0.0.1:9/api/' };
const cases: Case[] = [
  { name: 'compiled, web chat only', command: [node, 'dist/main.js'], env: {} },
  { name: 'compiled, web chat + Slack', command: [node, 'dist/main.js'], env: { ...slackEnv, WEB_CHAT_ENABLED: 'true' } },
  { name: 'compiled, web chat + Teams', command: [node, 'dist/main.js'], env: { TEAMS_ALLOW_ANONYMOUS: 'true', WEB_CHAT_ENABLED: 'true' } },
  { name: 'npm start (tsx), web chat only', command: ['npm', 'start'], env: {} },
];

if (!existsSync(resolve(ROOT, 'dist/main.js'))) {
  console.error('startup bench: run `npm run build` first');
  process.exit(1);
}
console.log(`start-up, median of ${ROUNDS} (spawn -> first 200 on /readyz; RSS of the serving process then)`);
const rows: Array<{ name: string; ms: number; rss: number }> = [];
for (const c of cases) {
  const runs: Array<{ ms: number; rss: number }> = [];
  for (let i = 0; i < ROUNDS; i += 1) runs.push(await startOnce(c));
  rows.push({ name: c.name, ms: median(runs.map((r) => r.ms)), rss: median(runs.map((r) => r.rss)) });
}
const base = rows[0] as { ms: number; rss: number };
for (const row of rows) {
  console.log(`${row.name.padEnd(34)} ${row.ms.toFixed(0).padStart(6)} ms  ${row.rss.toFixed(0).padStart(5)} MB   x${(row.ms / base.ms).toFixed(2)} time, x${(row.rss / base.rss).toFixed(2)} RSS vs web chat only`);
}
