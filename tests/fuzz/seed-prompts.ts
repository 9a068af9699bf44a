// Members, a team and open prompts written before a fuzz run, so generated clicks can hit prompts that exist,
// belong to someone else, or belong to a team.
import { memberId, teamId, type BreakService, type Platform, type Prompt } from '../../src/core/index.ts';

export interface SeedOptions {
  platform: Platform;
  tenants: string[];
  users: string[];
  now: number;
  /** Where the platform "put" a prompt for this user (opaque to the core). */
  delivery: (tenant: string, user: string) => Record<string, string>;
  /** Where the tenant's team channel is. */
  teamAddress: (tenant: string) => Record<string, string>;
}

/** Enrols every user in every tenant and gives each an open prompt; each tenant gets a team prompt. Returns the ids. */
export async function seedPrompts(service: BreakService, options: SeedOptions): Promise<string[]> {
  const { platform, now } = options;
  const store = service.ctx.store;
  const ids: string[] = [];
  const base = { platform, challengeId: 'glute-clench-test', slotAt: now, sentAt: now, localDay: '', expiresAt: now + 8 * 3600_000, status: 'open' as const };
  for (const tenant of options.tenants) {
    const team = teamId(platform, tenant, 'fuzz-team');
    await store.putTeam({ id: team, platform, tenantId: tenant, name: 'Fuzz team', timezone: 'Europe/Berlin', workdays: [1, 2, 3, 4, 5], challengeTime: null, address: options.teamAddress(tenant), createdAt: now });
    const teamPrompt: Prompt = { ...base, id: `${platform}:${tenant}:tfuzz`, kind: 'team', memberId: '', teamId: team, tenantId: tenant, delivery: options.teamAddress(tenant) };
    await store.putPrompt(teamPrompt, 8 * 3600_000);
    ids.push(teamPrompt.id);
    for (const user of options.users) {
      const member = memberId(platform, tenant, user);
      await service.enrol({ memberId: member, displayName: user, timezone: 'Europe/Berlin' });
      await store.addTeamMember(team, member);
      const prompt: Prompt = { ...base, id: `${platform}:${tenant}:pfuzz-${user}`, kind: 'personal', memberId: member, teamId: null, tenantId: tenant, delivery: options.delivery(tenant, user) };
      await store.putPrompt(prompt, 8 * 3600_000);
      ids.push(prompt.id);
    }
  }
  // Ids that look right but name no prompt, or another platform's.
  ids.push(`${platform}:${options.tenants[0] ?? 'x'}:pmissing`, 'web:local:pnothing', `${platform}::p`);
  return ids;
}
