// The one Member builder tests and benches share: an active member on office hours, platform and tenant read from its id.
import { newMember, type Member } from '../../src/core/index.ts';

/** A member `id` (`<platform>:<tenant>:<user>`) enrolled at `createdAt` and started, Berlin office hours; `overrides` win. */
export function buildMember(id: string, createdAt: number, overrides: Partial<Member> = {}): Member {
  return { ...newMember(id, { displayName: id, timezone: 'Europe/Berlin', address: {}, createdAt }), active: true, ...overrides };
}
