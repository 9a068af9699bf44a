// The build copies what tsc does not: Lua scripts and the web chat's static files.
import { cpSync, existsSync } from 'node:fs';

for (const dir of ['adapters/redis/lua', 'adapters/web/public']) {
  if (existsSync(`src/${dir}`)) cpSync(`src/${dir}`, `dist/${dir}`, { recursive: true });
}
