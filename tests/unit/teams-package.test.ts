// The Teams app package: manifest from the template with the bot id filled in, icons of the right size, zipped flat.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COMMAND_WORDS } from '../../src/core/index.ts';
import { buildTeamsPackage, fillManifest } from '../../scripts/package-teams.mjs';

const root = resolve(import.meta.dirname, '../..');
const APP_ID = '11111111-2222-3333-4444-555555555555';

/** Reads a zip's entries back (local headers, deflate or stored). */
function unzip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let at = 0;
  while (zip.readUInt32LE(at) === 0x04034b50) {
    const method = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extraLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    const data = zip.subarray(at + 30 + nameLength + extraLength, at + 30 + nameLength + extraLength + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 30 + nameLength + extraLength + size;
  }
  return files;
}

function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

interface Manifest {
  manifestVersion: string;
  id: string;
  bots: Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }> }>;
}

describe('Teams app package', () => {
  it('the template is a 1.16+ manifest whose bot id comes from MICROSOFT_APP_ID, in personal and team scopes', () => {
    const template = readFileSync(join(root, 'teams/manifest.json'), 'utf8');
    const raw = JSON.parse(template) as Manifest;
    expect(Number(raw.manifestVersion)).toBeGreaterThanOrEqual(1.16);
    expect(raw.bots[0]?.botId).toBe('${{MICROSOFT_APP_ID}}');
    expect(raw.bots[0]?.scopes).toEqual(expect.arrayContaining(['personal', 'team']));
  });

  it('every listed command is one of the bot\'s command words, at most ten per scope', () => {
    const raw = JSON.parse(readFileSync(join(root, 'teams/manifest.json'), 'utf8')) as Manifest;
    for (const list of raw.bots[0]?.commandLists ?? []) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const command of list.commands) expect(COMMAND_WORDS).toContain(command.title.split(' ')[0]);
    }
  });

  it('packages manifest.json, color.png (192x192) and outline.png (32x32) at the zip root, with the ids filled in', () => {
    const { zip, warnings } = buildTeamsPackage({ MICROSOFT_APP_ID: APP_ID }, root);
    const files = unzip(zip);
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '{}') as Manifest;
    expect(manifest.bots[0]?.botId).toBe(APP_ID);
    expect(manifest.id).toBe(APP_ID);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(pngSize(files.get('color.png') ?? Buffer.alloc(0))).toEqual([192, 192]);
    expect(pngSize(files.get('outline.png') ?? Buffer.alloc(0))).toEqual([32, 32]);
    expect(warnings).toEqual([expect.stringMatching(/DEVELOPER_URL is not set/)]);
  });

  it('refuses to build without a GUID app id or with a non-https URL, naming each variable', () => {
    expect(() => buildTeamsPackage({ MICROSOFT_APP_ID: 'my-bot', DEVELOPER_URL: 'http://plain.example' }, root)).toThrow(
      /MICROSOFT_APP_ID must be[\s\S]*DEVELOPER_URL must be an https/,
    );
  });

  it('a placeholder with no value is an error, never left in the package', () => {
    expect(() => fillManifest('{"id": "${{NOT_SET}}"}', {})).toThrow(/no value for NOT_SET/);
  });

  it('the script writes the zip where --out says and fails with exit code 1 on bad settings', async () => {
    const run = promisify(execFile);
    const out = join(mkdtempSync(join(tmpdir(), 'teams-pkg-')), 'app.zip');
    await run(process.execPath, [join(root, 'scripts/package-teams.mjs'), '--out', out], { env: { PATH: process.env['PATH'], MICROSOFT_APP_ID: APP_ID, DEVELOPER_URL: 'https://example.org' } });
    expect(unzip(readFileSync(out)).size).toBe(3);
    await expect(run(process.execPath, [join(root, 'scripts/package-teams.mjs'), '--out', out], { env: { PATH: process.env['PATH'] } })).rejects.toMatchObject({ code: 1 });
  });
});
