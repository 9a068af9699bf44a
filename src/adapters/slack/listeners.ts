// Bolt listeners: each acknowledges first (Slack's 3-second rule), drops a delivery it already took, then does the work.
import type { App } from '@slack/bolt';
import { ACTION, SETTINGS_CALLBACK_ID } from './action-ids.ts';
import { parseSettingsSubmission, type SubmittedState } from './blocks/settings-modal.ts';
import { handleClick, type ClickDeps } from './clicks.ts';
import { handleCommand } from './commands.ts';
import { firstDelivery } from './delivery-once.ts';
import type { Workspace } from './deps.ts';
import { handleHomeAction, HOME_ACTION_IDS } from './home-actions.ts';
import { publishHome } from './home.ts';
import { blockActionsOf, botTokenRevoked, commandPayload, eventEnvelope, viewSubmissionOf } from './payloads.ts';
import { saveSettings } from './settings.ts';
import { describeSlackError } from './slack-errors.ts';
import { forgetWorkspace } from './uninstall.ts';
import { handleForgetConfirm } from './forget-confirm.ts';

const BREAK_ACTIONS = [ACTION.done, ACTION.snooze, ACTION.skip, ACTION.swap] as const;
const OUR_ACTIONS = new RegExp(`^(${[...BREAK_ACTIONS, ...HOME_ACTION_IDS, ACTION.forgetConfirm].join('|')})$`);

/**
 * Whose people these are: the workspace, or for an org-wide install the whole org (its enterprise id), so a person
 * met in two workspaces of the org is one member and the org's one installation serves them.
 */
function workspaceOf(teamId: string, context: { botToken?: string | undefined; isEnterpriseInstall?: boolean | undefined; enterpriseId?: string | undefined }): Workspace {
  return { id: context.isEnterpriseInstall && context.enterpriseId ? context.enterpriseId : teamId, token: context.botToken };
}

export function registerListeners(app: App, deps: ClickDeps): void {
  const failed = (what: string) => (err: unknown) => deps.logger.error({ err: describeSlackError(err) }, `${what} failed`);

  app.command(/^\/.+/, async ({ ack, body, context }) => {
    await ack();
    const payload = commandPayload.parse(body);
    if (!(await firstDelivery(deps.store, payload.team_id, payload.trigger_id))) return;
    await handleCommand(deps, workspaceOf(payload.team_id, context), payload);
  });

  for (const actionId of BREAK_ACTIONS) {
    app.action(actionId, async ({ ack, body, context }) => {
      await ack();
      const payload = blockActionsOf(body);
      // handleClick drops a retried delivery itself, together with its first reads.
      const clicked = payload.actions.find((a) => a.action_id === actionId);
      if (clicked) await handleClick(deps, workspaceOf(payload.team.id, context), payload, clicked).catch(failed('click'));
    });
  }

  for (const actionId of HOME_ACTION_IDS) {
    app.action(actionId, async ({ ack, body, context }) => {
      await ack();
      const payload = blockActionsOf(body);
      if (!(await firstDelivery(deps.store, payload.team.id, payload.trigger_id))) return;
      const value = payload.actions.find((a) => a.action_id === actionId)?.value;
      await handleHomeAction(deps, workspaceOf(payload.team.id, context), payload.user.id, actionId, payload.trigger_id, value).catch(failed('home action'));
    });
  }

  app.action(ACTION.forgetConfirm, async ({ ack, body, context }) => {
    await ack();
    const payload = blockActionsOf(body);
    if (!(await firstDelivery(deps.store, payload.team.id, payload.trigger_id))) return;
    const clicked = payload.actions.find((a) => a.action_id === ACTION.forgetConfirm);
    await handleForgetConfirm(deps, workspaceOf(payload.team.id, context), payload, clicked?.value).catch(failed('forget confirm'));
  });

  // Anything else clickable (a link button, an old message's control) is acknowledged so Slack shows no error.
  app.action({ action_id: new RegExp(`^(?!${OUR_ACTIONS.source.slice(1, -1)}$).*`) }, async ({ ack }) => {
    await ack();
  });

  app.view(SETTINGS_CALLBACK_ID, async ({ ack, body, context }) => {
    const payload = viewSubmissionOf(body);
    const checked = parseSettingsSubmission(payload.view.state.values as SubmittedState);
    if (!checked.ok) {
      await ack({ response_action: 'errors', errors: checked.errors });
      return;
    }
    await ack();
    await saveSettings(deps, workspaceOf(payload.team.id, context), payload.user.id, checked.patch, payload.view.private_metadata).catch(failed('settings save'));
  });

  app.event('app_home_opened', async ({ event, body, context }) => {
    const envelope = eventEnvelope.parse(body);
    if (event.tab !== 'home' || !(await firstDelivery(deps.store, envelope.team_id, envelope.event_id))) return;
    await publishHome(deps, workspaceOf(envelope.team_id, context), event.user).catch(failed('App Home publish'));
  });

  app.event('app_uninstalled', async ({ body, context }) => {
    const envelope = eventEnvelope.parse(body);
    if (!(await firstDelivery(deps.store, envelope.team_id, envelope.event_id))) return;
    await forgetWorkspace(deps, workspaceOf(envelope.team_id, context).id).catch(failed('app_uninstalled'));
  });

  app.event('tokens_revoked', async ({ body, event, context }) => {
    const envelope = eventEnvelope.parse(body);
    if (!(await firstDelivery(deps.store, envelope.team_id, envelope.event_id))) return;
    // Only the bot token ends the installation; a person revoking their own user token changes nothing else.
    if (!botTokenRevoked(event)) {
      deps.logger.info({ workspace: envelope.team_id }, 'slack user token revoked: installation kept');
      return;
    }
    await forgetWorkspace(deps, workspaceOf(envelope.team_id, context).id).catch(failed('tokens_revoked'));
  });

  app.error(async (err) => {
    deps.logger.error({ err: describeSlackError(err.original ?? err) }, 'slack handler error');
  });
}
