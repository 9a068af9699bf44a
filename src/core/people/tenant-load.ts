// A tenant's load for the spread window: its members with breaks on (a roster kept by start, stop and forget, counted
// without reading it) and the platform's send rate. Read once per tenant in a batch.
import type { CoreContext } from '../context.ts';
import { teamId } from '../ids.ts';
import type { Member, Platform } from '../model.ts';
import type { TeamStore } from '../ports/index.ts';
import type { TenantLoad } from '../schedule/load-plan.ts';

/** The roster of a tenant's members with breaks on; not a team (no team record), only counted. */
export function activeRosterId(platform: Platform, tenantId: string): string {
  return teamId(platform, tenantId, '~active');
}

function rosterOf(member: Pick<Member, 'platform' | 'tenantId'>): string {
  return activeRosterId(member.platform, member.tenantId);
}

export async function syncActiveRoster(ctx: CoreContext<TeamStore>, member: Member): Promise<void> {
  if (member.active) await ctx.store.addTeamMember(rosterOf(member), member.id);
  else await ctx.store.removeTeamMember(rosterOf(member), member.id);
}

export function leaveActiveRoster(ctx: CoreContext<TeamStore>, member: Pick<Member, 'id' | 'platform' | 'tenantId'>): Promise<void> {
  return ctx.store.removeTeamMember(rosterOf(member), member.id);
}

export async function tenantLoadOf(ctx: CoreContext<TeamStore>, member: Pick<Member, 'platform' | 'tenantId'>): Promise<TenantLoad> {
  return { activeMembers: await ctx.store.countTeamMembers(rosterOf(member)), sendsPerSecond: ctx.sendsPerSecond[member.platform] ?? 0 };
}

/** The load of each member's tenant, one count per tenant: the same object for members of one tenant. */
export async function tenantLoadsOf(ctx: CoreContext<TeamStore>, members: Array<Pick<Member, 'platform' | 'tenantId'> | null>): Promise<Array<TenantLoad | null>> {
  const byRoster = new Map<string, Promise<TenantLoad>>();
  for (const member of members) {
    if (member && !byRoster.has(rosterOf(member))) byRoster.set(rosterOf(member), tenantLoadOf(ctx, member));
  }
  const loads = new Map<string, TenantLoad>();
  for (const [roster, load] of byRoster) loads.set(roster, await load);
  return members.map((member) => (member ? (loads.get(rosterOf(member)) ?? null) : null));
}
