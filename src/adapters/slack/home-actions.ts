// The App Home buttons: start, stop, pause for an hour, settings. Each is the same as typing the /breaks word.
import { runCommand } from '../../core/index.ts';
import { ACTION } from './action-ids.ts';
import { renderText } from './blocks/boards.ts';
import type { SlackDeps, Workspace } from './deps.ts';
import { refreshHome } from './home.ts';
import { slackMemberId } from './ids.ts';
import { ensureMember } from './people.ts';
import { direct } from './replies.ts';
import { openSettings } from './settings.ts';

const WORD_OF_ACTION: Record<string, string> = {
  [ACTION.homeStart]: 'start',
  [ACTION.homeStop]: 'stop',
  [ACTION.homePause]: 'pause 1h',
};

export const HOME_ACTION_IDS = [ACTION.homeStart, ACTION.homeStop, ACTION.homePause, ACTION.homeSettings, ACTION.homeMeetings] as const;

/** The meetings button carries its choice as its value; anything else there is ignored. */
function wordOf(actionId: string, value: string | undefined): string | undefined {
  if (actionId === ACTION.homeMeetings) return value === 'hold' || value === 'ignore' ? `meetings ${value}` : undefined;
  return WORD_OF_ACTION[actionId];
}

export async function handleHomeAction(deps: SlackDeps, workspace: Workspace, userId: string, actionId: string, triggerId: string, value?: string): Promise<void> {
  const member = await ensureMember(deps, workspace, userId);
  if (actionId === ACTION.homeSettings) {
    await openSettings(deps, workspace, member, triggerId, null);
    return;
  }
  const word = wordOf(actionId, value);
  if (word === undefined) return;
  const reply = await deps.work.run(() => runCommand(deps.service, { memberId: slackMemberId(workspace.id, userId), displayName: '' }, word));
  // The Home tab shows the new state; only a refusal needs words, and the DM is the one place to put them.
  if (reply.kind === 'error') await direct(deps, workspace, userId, renderText(reply.text));
  await refreshHome(deps, workspace, userId);
}
