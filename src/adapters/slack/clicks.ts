// Done / Snooze / Skip on a prompt: one core click, then the message changes in place (or, for a click by someone
// else, nothing is recorded and only they are told why).
import { challengeById, isCoreError, teamPromptView, type ClickAction, type ClickReads, type ClickResultView, type Prompt } from '../../core/index.ts';
import { ACTION, parseSnoozeValue } from './action-ids.ts';
import { renderText } from './blocks/boards.ts';
import { renderPrompt, renderTeamPrompt } from './blocks/prompt.ts';
import { renderClickResult } from './blocks/result.ts';
import type { SlackMessage } from './blocks/kit.ts';
import type { SlackDeps, Workspace } from './deps.ts';
import { firstDelivery } from './delivery-once.ts';
import { slackMemberId, slackParts } from './ids.ts';
import type { BlockActionsPayload } from './payloads.ts';
import { ensureMember } from './people.ts';
import { ephemeral, replaceClicked, updateMessage } from './replies.ts';
import type { TeamCountUpdates } from './team-count.ts';

type ClickedAction = BlockActionsPayload['actions'][number];

/** Outcomes that leave the prompt as it is (buttons and all) and only tell the clicker why. */
const KEEPS_MESSAGE: ReadonlySet<ClickResultView['outcome']> = new Set(['not-yours', 'not-found', 'swap-limit', 'no-other']);

/** The prompt id and the action a click stands for, or null for a value that carries no prompt id. */
export function decodeClick(action: ClickedAction): { promptId: string; action: ClickAction } | null {
  if (action.action_id === ACTION.snooze) {
    const snooze = parseSnoozeValue(action.selected_option?.value ?? action.value ?? '');
    return snooze ? { promptId: snooze.promptId, action: { kind: 'snooze', minutes: snooze.minutes } } : null;
  }
  const promptId = action.value ?? '';
  if (promptId === '') return null;
  if (action.action_id === ACTION.done) return { promptId, action: { kind: 'done' } };
  return { promptId, action: action.action_id === ACTION.swap ? { kind: 'swap' } : { kind: 'skip' } };
}

export interface ClickDeps extends SlackDeps {
  teamCounts: TeamCountUpdates;
}

/** The core click and its rendering: the part of a click that runs inside the work limit. */
async function decide(deps: ClickDeps, actorId: string, decoded: { promptId: string; action: ClickAction }, read: ClickReads): Promise<{ result: ClickResultView; shown: SlackMessage } | { refusal: string }> {
  let result: ClickResultView;
  try {
    result = await deps.service.click(decoded.promptId, actorId, decoded.action, read);
  } catch (err) {
    // A bad snooze length or a store hiccup: the clicker is told, nothing was half-recorded.
    if (!isCoreError(err)) throw err;
    return { refusal: err.message };
  }
  // A swap shows the same prompt with its new challenge, buttons and all.
  if (result.swappedTo) {
    const workspaceId = slackParts(actorId)?.workspaceId;
    const image = workspaceId ? ((await deps.pictures?.imageFor(workspaceId, result.swappedTo.challenge.id)) ?? null) : null;
    return { result, shown: renderPrompt(result.swappedTo, image) };
  }
  return { result, shown: renderClickResult(result, read.actor?.schedule.timezone ?? deps.service.ctx.defaultTimezone) };
}

/**
 * One break click. The delivery check (a retried delivery is dropped) and the reads the click needs go out together,
 * one round trip; the Home tab is not republished here, since Slack asks for it (app_home_opened) each time it opens.
 */
export async function handleClick(deps: ClickDeps, workspace: Workspace, payload: BlockActionsPayload, clicked: ClickedAction): Promise<void> {
  const userId = payload.user.id;
  const actorId = slackMemberId(workspace.id, userId);
  const channel = payload.container?.channel_id ?? payload.channel?.id;
  const ts = payload.container?.message_ts ?? payload.message?.ts;
  const decoded = decodeClick(clicked);
  const [first, read] = await Promise.all([
    firstDelivery(deps.store, payload.team.id, payload.trigger_id),
    decoded ? deps.service.readClick(decoded.promptId, actorId) : null,
  ]);
  if (!first) return;
  if (decoded === null || read === null) {
    if (channel !== undefined) await ephemeral(deps, workspace, channel, userId, renderText('This button does not belong to a break the bot knows.'));
    return;
  }
  const prompt = read.prompt;
  // A teammate's first Done on a team challenge is their own completion, so they are met here if they are new.
  if (prompt?.kind === 'team' && read.actor === null) read.actor = await ensureMember(deps, workspace, userId);
  const decided = await deps.work.run(() => decide(deps, actorId, decoded, read));
  if ('refusal' in decided) {
    if (channel !== undefined) await ephemeral(deps, workspace, channel, userId, renderText(decided.refusal));
    return;
  }
  const { result, shown } = decided;

  if (channel === undefined || ts === undefined) {
    deps.logger.warn({ memberId: actorId }, 'click without a message to update');
  } else if (prompt === null || KEEPS_MESSAGE.has(result.outcome)) {
    await ephemeral(deps, workspace, channel, userId, shown);
  } else if (prompt.kind === 'team') {
    await ephemeral(deps, workspace, channel, userId, shown);
    if (result.joinedCount !== null) await updateTeamCount(deps, workspace, prompt, channel, ts, result.joinedCount);
  } else if (payload.response_url) {
    await replaceClicked(deps, workspace, payload.response_url, shown);
  } else {
    await updateMessage(deps, workspace, channel, ts, shown);
  }
}

async function updateTeamCount(deps: ClickDeps, workspace: Workspace, prompt: Prompt, channel: string, ts: string, joined: number): Promise<void> {
  const team = prompt.teamId ? await deps.store.getTeam(prompt.teamId) : null;
  if (!team) return;
  await deps.teamCounts.run(`${channel}/${ts}`, joined, async (count) => {
    const challenge = challengeById(prompt.challengeId);
    if (challenge) await updateMessage(deps, workspace, channel, ts, renderTeamPrompt(teamPromptView(prompt, challenge, team, count)));
  });
}
