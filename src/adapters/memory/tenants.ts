// The same id rules as the Redis store, where everything one atomic step touches must share its tenant's slot.
import { tenantOf } from '../../core/index.ts';
import type { Platform } from '../../core/index.ts';

function tenantKey(id: string): string {
  const tenant = tenantOf(id);
  if (!tenant) throw new Error(`"${id}" is not a <platform>:<tenant>:<rest> id`);
  return `${tenant.platform}:${tenant.tenantId}`;
}

export function isTenantId(id: string): boolean {
  return tenantOf(id) !== null;
}

export function requireOwnTenant(id: string, platform: Platform, tenantId: string): void {
  if (tenantKey(id) !== `${platform}:${tenantId}`) throw new Error(`"${id}" is not an id of ${platform}:${tenantId}`);
}

/** What a change of the record `id` (a member, a team) may return: that same record, in its own tenant. */
export function requireSameRecord(what: string, id: string, value: { id: string; platform: Platform; tenantId: string }): void {
  if (value.id !== id) throw new Error(`a change of ${id} returned ${what} ${value.id}`);
  requireOwnTenant(value.id, value.platform, value.tenantId);
}

export function requireOneTenant(ids: string[]): void {
  if (new Set(ids.map(tenantKey)).size > 1) throw new Error(`ids from more than one tenant cannot be updated together: ${ids.join(', ')}`);
}
