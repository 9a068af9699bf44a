// The one Member builder tests and benches share: an active member on office hours, platform and tenant read from its id.
import { tenantOf, type Member } from '../../src/core/index.ts';

/** A member `id` (`<platform>:<tenant>:<user>`) enrolled at `createdAt`, Mon-Fri 09:00-17:00 Berlin, hourly; `overrides` win. */
export function buildMember(id: string, createdAt: number, overrides: Partial<Member> = {}): Member {
  const tenant = tenantOf(id);
  if (!tenant) throw new Error(`not a member id: ${id}`);
  return {
    id,
    platform: tenant.platform,
    tenantId: tenant.tenantId,
    displayName: id,
    schedule: { timezone: 'Europe/Berlin', workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', intervalMinutes: 60 },
    hasBand: false,
    active: true,
    pausedUntil: null,
    inactiveSpans: [],
    teamIds: [],
    recentChallengeIds: [],
    snoozedPromptId: null,
    snoozeUntil: null,
    address: {},
    createdAt,
    ...overrides,
  };
}
