// Who may change a Teams team's settings besides whoever set it up: an owner on the team's roster, or the person
// who installed the bot in the team.
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Sender } from './sender.ts';
import type { TurnDeps } from './turn-deps.ts';

/** Record kind: team id -> member id of whoever installed the bot in that team. */
export const TEAM_INSTALLER_KIND = 'teams-installer';

export async function rememberInstaller(deps: TurnDeps, teamId: string, memberId: string): Promise<void> {
  await deps.service.ctx.store.putRecord(TEAM_INSTALLER_KIND, teamId, memberId);
}

export async function forgetInstaller(deps: TurnDeps, teamId: string): Promise<void> {
  await deps.service.ctx.store.deleteRecord(TEAM_INSTALLER_KIND, teamId);
}

/** The installer, or an owner by the roster. A failed roster look-up answers false (the set-up person still may). */
export async function isTeamAdmin(deps: TurnDeps, context: TurnContext, sender: Sender): Promise<boolean> {
  if (!sender.team) return false;
  if ((await deps.service.ctx.store.getRecord(TEAM_INSTALLER_KIND, sender.team.teamId)) === sender.memberId) return true;
  try {
    const account = await TeamsInfo.getMember(context, context.activity.from.id);
    return account.userRole?.toLowerCase() === 'owner';
  } catch (err) {
    deps.logger.warn({ memberId: sender.memberId, err: err instanceof Error ? err.name : 'unknown' }, 'teams: roster look-up failed; not treated as an owner');
    return false;
  }
}
