// app_uninstalled / tokens_revoked (of the bot token): the installation goes, and so does everything the bot knows about the workspace's
// people and teams.
import type { SlackDeps } from './deps.ts';
import { workspaceRosterId } from './ids.ts';
import { installationQueryOf } from './installation-store.ts';
import { createDmChannels } from './dm-channels.ts';

export interface ForgottenWorkspace {
  members: number;
  teams: number;
}

export async function forgetWorkspace(deps: SlackDeps, workspaceId: string): Promise<ForgottenWorkspace> {
  // The installation first: no new work can start for a workspace we no longer hold a token for.
  if (deps.installations) await deps.installations.deleteInstallation(installationQueryOf(workspaceId));
  const roster = workspaceRosterId(workspaceId);
  const memberIds = await deps.store.teamMemberIds(roster);
  const dms = createDmChannels(deps.store);
  for (const memberId of memberIds) {
    await deps.service.forget(memberId);
    await dms.forget(memberId);
    await deps.store.removeTeamMember(roster, memberId);
  }
  // Teams go last, so nothing a member's forget touches is left behind; their challenge and digest jobs go with them.
  const teams = await deps.store.listTeams('slack', workspaceId);
  for (const team of teams) await deps.store.forgetTeam(team.id);
  deps.logger.info({ workspace: workspaceId, members: memberIds.length, teams: teams.length }, 'slack workspace uninstalled: data forgotten');
  return { members: memberIds.length, teams: teams.length };
}
