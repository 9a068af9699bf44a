// Install and uninstall, personal or team: keep or drop the conversation reference, greet once, stop sending after.
import type { Activity, TurnContext } from 'botbuilder';
import { teamWelcomeCard, welcomeCard } from './cards/command-cards.ts';
import { channelDataOf, isPersonal, memberIdOf, teamOf, tenantIdOf } from './identity.ts';
import { cardActivity } from './outbox.ts';
import { referenceOf } from './references-of.ts';
import type { TurnDeps } from './turn-deps.ts';
import { reply } from './turn-replies.ts';
import { forgetInstaller, rememberInstaller } from './team-admin.ts';

/** Teams sends both installationUpdate and conversationUpdate on install: the first one greets. */
const WELCOME_ONCE_MS = 10 * 60_000;

/** The member (personal chat) or team (channel, group chat) an install event is about. */
function installTarget(activity: Activity): { id: string; personal: boolean } | null {
  if (isPersonal(activity)) {
    const id = memberIdOf(activity);
    return id ? { id, personal: true } : null;
  }
  const team = teamOf(activity, undefined);
  return team ? { id: team.teamId, personal: false } : null;
}

export async function onInstalled(deps: TurnDeps, context: TurnContext, greet: boolean): Promise<void> {
  const activity = context.activity;
  const target = installTarget(activity);
  if (!target) return;
  await deps.references.save(target.id, referenceOf(activity));
  const installer = memberIdOf(activity);
  // Whoever installs the bot in a team may change that team's settings.
  if (!target.personal && installer) await rememberInstaller(deps, target.id, installer);
  deps.logger.info({ target: target.id, personal: target.personal }, 'teams: installed');
  if (!greet || !(await deps.service.ctx.store.putRecordIfAbsent('welcomed', target.id, '1', WELCOME_ONCE_MS))) return;
  const card = target.personal ? welcomeCard() : teamWelcomeCard();
  await reply(deps, context, tenantIdOf(activity), cardActivity(card, 'Welcome to desk breaks'));
}

export async function onUninstalled(deps: TurnDeps, context: TurnContext): Promise<void> {
  const target = installTarget(context.activity);
  if (!target) return;
  await deps.references.remove(target.id);
  if (!target.personal) await forgetInstaller(deps, target.id);
  deps.logger.info({ target: target.id, personal: target.personal }, 'teams: uninstalled');
  // Nothing can reach them any more, so the schedule stops too (their streak and points stay until forget-me).
  if (target.personal) {
    const member = await deps.service.getMember(target.id);
    if (member?.active) await deps.service.stop(target.id);
    return;
  }
  const team = await deps.service.ctx.store.getTeam(target.id);
  if (team?.challengeTime) await deps.service.setTeamChallengeTime(team.id, null);
}

export async function onConversationUpdate(deps: TurnDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const botId = activity.recipient?.id;
  const isBot = (account: { id: string }) => account.id === botId;
  if (channelDataOf(activity).eventType === 'teamDeleted' || (activity.membersRemoved ?? []).some(isBot)) {
    await onUninstalled(deps, context);
  } else if ((activity.membersAdded ?? []).some(isBot)) {
    await onInstalled(deps, context, true);
  }
}

export async function onInstallationUpdate(deps: TurnDeps, context: TurnContext): Promise<void> {
  const action = context.activity.action;
  if (action === 'add') await onInstalled(deps, context, true);
  // An upgrade keeps the conversation; refresh the reference without greeting again.
  else if (action === 'add-upgrade') await onInstalled(deps, context, false);
  else if (action === 'remove') await onUninstalled(deps, context);
}
