// app_uninstalled / tokens_revoked: the installation goes, and so does everything the bot knows about the workspace's people.
import { jobId } from '../../core/index.ts';
import type { SlackDeps } from './deps.ts';
import { workspaceRosterId } from './ids.ts';

export interface ForgottenWorkspace {
  members: number;
  teams: number;
}

export async function forgetWorkspace(deps: SlackDeps, workspaceId: string): Promise<ForgottenWorkspace> {
  // The installation first: no new work can start for a workspace we no longer hold a token for.
  if (deps.installations) await deps.installations.deleteInstallation({ teamId: workspaceId, enterpriseId: undefined, isEnterpriseInstall: false });
  const roster = workspaceRosterId(workspaceId);
  const memberIds = await deps.store.teamMemberIds(roster);
  for (const memberId of memberIds) {
    await deps.service.forget(memberId);
    await deps.store.removeTeamMember(roster, memberId);
  }
  // Team records have no delete in the Store port; their scheduled challenge and digest stop, and with every member
  // forgotten their rosters and boards are empty.
  const teams = await deps.store.listTeams('slack', workspaceId);
  for (const team of teams) {
    await deps.store.clearDue(jobId({ kind: 'team', teamId: team.id }));
    await deps.store.clearDue(jobId({ kind: 'digest', teamId: team.id }));
  }
  deps.logger.info({ workspace: workspaceId, members: memberIds.length, teams: teams.length }, 'slack workspace uninstalled: data forgotten');
  return { members: memberIds.length, teams: teams.length };
}
