// The build copies what the bundle does not hold: Lua scripts and the web chat's static files, where the bundled code
// looks for them (scripts/bundle.mjs keeps each file's own import.meta.url).
import { cpSync, existsSync } from 'node:fs';

for (const dir of ['adapters/redis/lua', 'adapters/web/public']) {
  if (existsSync(`src/${dir}`)) cpSync(`src/${dir}`, `dist/${dir}`, { recursive: true });
}
