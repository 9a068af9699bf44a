// Publishes a person's App Home tab from their current stats.
import type { SlackDeps, Workspace } from './deps.ts';
import { renderHome } from './blocks/home.ts';
import { slackMemberId } from './ids.ts';
import { describeSlackError } from './slack-errors.ts';

export async function publishHome(deps: SlackDeps, workspace: Workspace, userId: string): Promise<void> {
  const id = slackMemberId(workspace.id, userId);
  const view = await deps.work.run(async () => renderHome((await deps.store.getMember(id)) ? await deps.service.stats(id) : null));
  await deps.api.call(workspace.id, 'views.publish', { user_id: userId, view }, workspace.token);
}

/** A refresh after something changed: worth doing, not worth failing the action for. */
export async function refreshHome(deps: SlackDeps, workspace: Workspace, userId: string): Promise<void> {
  try {
    await publishHome(deps, workspace, userId);
  } catch (err) {
    deps.logger.warn({ memberId: slackMemberId(workspace.id, userId), err: describeSlackError(err) }, 'App Home refresh failed');
  }
}
