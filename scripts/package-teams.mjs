// Builds the Teams app package: teams/manifest.json with its ${{PLACEHOLDERS}} filled from the environment, plus the
// two icons, zipped flat (Teams wants the files at the zip's root). Node only: no zip binary needed. Node >= 20.15.
//
//   MICROSOFT_APP_ID=<bot app id> DEVELOPER_URL=https://example.org node scripts/package-teams.mjs [--out file.zip]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLACEHOLDER = /\$\{\{([A-Z0-9_]+)\}\}/g;

/** The values the manifest's placeholders take, with defaults; `problems` names every missing or bad variable. */
export function manifestValues(env, appVersion) {
  const problems = [];
  const warnings = [];
  const appId = env.MICROSOFT_APP_ID ?? '';
  if (!GUID.test(appId)) problems.push('MICROSOFT_APP_ID must be the bot\'s Microsoft app id (a GUID)');
  const teamsAppId = env.TEAMS_APP_ID ?? appId;
  if (env.TEAMS_APP_ID !== undefined && !GUID.test(teamsAppId)) problems.push('TEAMS_APP_ID must be a GUID');
  let developerUrl = env.DEVELOPER_URL;
  if (!developerUrl) {
    developerUrl = 'https://example.com';
    warnings.push('DEVELOPER_URL is not set: using https://example.com; set it before publishing beyond sideloading');
  }
  const values = {
    MICROSOFT_APP_ID: appId,
    TEAMS_APP_ID: teamsAppId,
    APP_VERSION: env.APP_VERSION ?? appVersion,
    DEVELOPER_NAME: env.DEVELOPER_NAME ?? 'Desk breaks',
    DEVELOPER_URL: developerUrl,
    PRIVACY_URL: env.PRIVACY_URL ?? developerUrl,
    TERMS_URL: env.TERMS_URL ?? developerUrl,
  };
  for (const name of ['DEVELOPER_URL', 'PRIVACY_URL', 'TERMS_URL']) {
    if (!/^https:\/\/\S+$/.test(values[name])) problems.push(`${name} must be an https:// URL`);
  }
  if (!/^\d+\.\d+\.\d+$/.test(values.APP_VERSION)) problems.push('APP_VERSION must look like 1.2.3');
  return { values, problems, warnings };
}

/** Fills every ${{NAME}}; a placeholder without a value is an error, never left in the package. */
export function fillManifest(template, values) {
  const unknown = new Set();
  const text = template.replace(PLACEHOLDER, (whole, name) => {
    if (!(name in values)) {
      unknown.add(name);
      return whole;
    }
    return JSON.stringify(values[name]).slice(1, -1);
  });
  if (unknown.size > 0) throw new Error(`no value for ${[...unknown].join(', ')} in teams/manifest.json`);
  return JSON.parse(text);
}

/** Fixed DOS date (1980-01-01) and time (00:00): the package is byte-identical between builds. */
const DOS_TIME = 0;
const DOS_DATE = 0x21;
const DEFLATE = 8;
const VERSION_NEEDED = 20;

/** A minimal zip (deflate, files only, no directories) of { name, data } entries. */
export function zipFiles(entries) {
  const parts = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const compressed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(VERSION_NEEDED, 4);
    central.writeUInt16LE(VERSION_NEEDED, 6);
    central.writeUInt16LE(DEFLATE, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, fileName, compressed);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** Builds the package; returns its bytes and any warnings, or throws naming every problem. */
export function buildTeamsPackage(env, root = ROOT) {
  const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
  const { values, problems, warnings } = manifestValues(env, version);
  if (problems.length > 0) throw new Error(`Cannot build the Teams package:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const manifest = fillManifest(readFileSync(resolve(root, 'teams/manifest.json'), 'utf8'), values);
  const files = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: manifest.icons.color, data: readFileSync(resolve(root, 'teams', manifest.icons.color)) },
    { name: manifest.icons.outline, data: readFileSync(resolve(root, 'teams', manifest.icons.outline)) },
  ];
  return { zip: zipFiles(files), manifest, warnings };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outIndex = process.argv.indexOf('--out');
  const out = resolve(outIndex > 0 && process.argv[outIndex + 1] ? process.argv[outIndex + 1] : resolve(ROOT, 'dist/teams/desk-breaks-teams.zip'));
  try {
    const { zip, warnings } = buildTeamsPackage(process.env);
    for (const warning of warnings) console.warn(`warning: ${warning}`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, zip);
    console.log(`wrote ${out}: upload it in Teams (Apps > Manage your apps > Upload an app)`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
