// Ids carry their platform and tenant, so any store can place them with their tenant's data.
import type { Platform } from './model.ts';
import { PLATFORMS } from './model.ts';
import { randomBytes } from 'node:crypto';

export interface TenantRef {
  platform: Platform;
  tenantId: string;
}

/** Parses `<platform>:<tenant>:<rest>`; returns null for anything else. */
export function tenantOf(id: string): TenantRef | null {
  const first = id.indexOf(':');
  const second = id.indexOf(':', first + 1);
  if (first <= 0 || second <= first + 1 || second === id.length - 1) return null;
  const platform = id.slice(0, first);
  if (!(PLATFORMS as readonly string[]).includes(platform)) return null;
  return { platform: platform as Platform, tenantId: id.slice(first + 1, second) };
}

export function memberId(platform: Platform, tenantId: string, userId: string): string {
  return `${platform}:${tenantId}:${userId}`;
}

export function teamId(platform: Platform, tenantId: string, channelId: string): string {
  return `${platform}:${tenantId}:${channelId}`;
}

const ID_BYTES = 12;
/** Random bytes are drawn for many ids at once: one randomBytes call costs several µs, whatever its size. */
const POOL_IDS = 256;
let pool = Buffer.alloc(0);
let poolOffset = 0;

function randomIdPart(): string {
  if (poolOffset + ID_BYTES > pool.length) {
    pool = randomBytes(ID_BYTES * POOL_IDS);
    poolOffset = 0;
  }
  poolOffset += ID_BYTES;
  return pool.toString('base64url', poolOffset - ID_BYTES, poolOffset);
}

/** A new prompt id: same tenant prefix as its recipient, then 16 random url-safe characters. */
export function newPromptId(platform: Platform, tenantId: string): string {
  return `${platform}:${tenantId}:p${randomIdPart()}`;
}
