// The real process: SIGTERM stops claiming, closes connections and exits 0; a bad setting exits 1 with a message, not a stack.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function startProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, exited, output: () => output };
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('process lifecycle', () => {
  it('exits 0 on SIGTERM after closing the HTTP server', async () => {
    const proc = startProcess({ PORT: '0' });
    await waitFor(() => proc.output().includes('"msg":"listening"'), 20_000);
    const port = Number(/"port":(\d+)/.exec(proc.output())?.[1]);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toContain('scheduler stopped');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('exits 1 with a clear log line when the port is taken', async () => {
    const first = startProcess({ PORT: '0' });
    await waitFor(() => first.output().includes('"msg":"listening"'), 20_000);
    const port = /"port":(\d+)/.exec(first.output())?.[1] ?? '';
    const second = startProcess({ PORT: port });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('could not listen');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });

  it('refuses a bad setting at start-up with one message naming it, and exit code 1', async () => {
    const proc = startProcess({ PORT: 'eighty', DEFAULT_TIMEZONE: 'Nowhere/Land' });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain('Invalid configuration');
    expect(proc.output()).toContain('PORT must be a port number');
    expect(proc.output()).toContain('DEFAULT_TIMEZONE must be an IANA time zone name');
    expect(proc.output()).not.toMatch(/\n\s+at /);
  });
});
