// The forget_confirm button: deletes the clicker, and only when the button carries the clicker's own id.
import { FORGOTTEN_TEXT } from '../../core/index.ts';
import { renderText } from './blocks/boards.ts';
import type { SlackDeps, Workspace } from './deps.ts';
import { refreshHome } from './home.ts';
import { slackMemberId, workspaceRosterId } from './ids.ts';
import type { BlockActionsPayload } from './payloads.ts';
import { direct } from './replies.ts';
import { createDmChannels } from './dm-channels.ts';

const NOT_YOURS = 'This button deletes someone else\'s data: you can only delete your own. Type /breaks forget-me to see what that would be.';

/** Answers where the question was asked (replacing it when `replace`), else in the person's DM. */
async function answer(deps: SlackDeps, workspace: Workspace, payload: BlockActionsPayload, text: string, replace: boolean): Promise<void> {
  const msg = renderText(text);
  if (payload.response_url) {
    await deps.api.respond(workspace.id, payload.response_url, { response_type: 'ephemeral', replace_original: replace, text: msg.text, blocks: msg.blocks });
  } else {
    await direct(deps, workspace, payload.user.id, msg);
  }
}

export async function handleForgetConfirm(deps: SlackDeps, workspace: Workspace, payload: BlockActionsPayload, value: string | undefined): Promise<void> {
  const memberId = slackMemberId(workspace.id, payload.user.id);
  if (value !== memberId) {
    deps.logger.warn({ memberId }, 'forget_confirm with another member\'s id refused');
    await answer(deps, workspace, payload, NOT_YOURS, false);
    return;
  }
  await deps.work.run(() => deps.service.forget(memberId));
  await createDmChannels(deps.store).forget(memberId);
  await deps.store.removeTeamMember(workspaceRosterId(workspace.id), memberId);
  await answer(deps, workspace, payload, FORGOTTEN_TEXT, true);
  await refreshHome(deps, workspace, payload.user.id);
}
