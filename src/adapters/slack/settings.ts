// The settings modal: opened from /breaks settings or the App Home, saved with per-field errors shown inside it.
import { describeAvoid, formatDays, isCoreError, type Member } from '../../core/index.ts';
import { renderText } from './blocks/boards.ts';
import { parseSettingsMetadata, renderSettingsModal, type SettingsSubmission } from './blocks/settings-modal.ts';
import type { SlackDeps, Workspace } from './deps.ts';
import { refreshHome } from './home.ts';
import { slackMemberId } from './ids.ts';
import { direct, ephemeral } from './replies.ts';
import { describeSlackError } from './slack-errors.ts';

export async function openSettings(deps: SlackDeps, workspace: Workspace, member: Member, triggerId: string, channelId: string | null): Promise<void> {
  await deps.api.call(workspace.id, 'views.open', { trigger_id: triggerId, view: renderSettingsModal(member, { channelId }) }, workspace.token);
}

function savedText(member: Member): string {
  const s = member.schedule;
  return `Saved: ${formatDays(s.workdays)}, ${s.start}-${s.end}, every ${s.intervalMinutes} minutes, ${s.timezone}${member.hasBand ? ', with a resistance band' : ''}; avoiding ${describeAvoid(member.avoidTags)}; in meetings: ${member.meetings}; public holidays: ${member.holidays ?? 'none'}.`;
}

/** After the ack: save, then confirm where the form was opened (or in the DM) and refresh the App Home. */
export async function saveSettings(
  deps: SlackDeps,
  workspace: Workspace,
  userId: string,
  patch: Extract<SettingsSubmission, { ok: true }>['patch'],
  privateMetadata: string | undefined,
): Promise<void> {
  const id = slackMemberId(workspace.id, userId);
  const { channelId } = parseSettingsMetadata(privateMetadata);
  let text: string;
  try {
    const { member } = await deps.work.run(() => deps.service.updateSettings(id, patch));
    text = savedText(member);
  } catch (err) {
    if (!isCoreError(err)) throw err;
    text = err.message;
  }
  try {
    if (channelId !== null) await ephemeral(deps, workspace, channelId, userId, renderText(text));
    else await direct(deps, workspace, userId, renderText(text));
  } catch (err) {
    deps.logger.warn({ memberId: id, err: describeSlackError(err) }, 'settings confirmation failed');
  }
  await refreshHome(deps, workspace, userId);
}
