// Block Kit for a break prompt: a personal one in a DM, and a team one in a channel with its live joined count.
import type { PromptView, TeamPromptView } from '../../../core/index.ts';
import { ACTION, snoozeValue } from '../action-ids.ts';
import { actions, button, context, header, message, option, section, type Block, type SlackMessage } from './kit.ts';
import { escapeMrkdwn } from './limits.ts';
import type { types } from '@slack/bolt';
import type { PromptImage } from '../pictures.ts';

export const JOINED_BLOCK_ID = 'break_joined';

function duration(seconds: number): string {
  if (seconds < 90) return `about ${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  return `about ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The picture: a public URL (`image_url`) or a file uploaded to the workspace (`slack_file`). */
function imageBlock(image: PromptImage): Block {
  const alt = image.alt.slice(0, 2000);
  return ('url' in image ? { type: 'image', image_url: image.url, alt_text: alt } : { type: 'image', slack_file: { id: image.fileId }, alt_text: alt }) as Block;
}

/** Title, picture, time needed, steps, why it helps, and the safety line with the source credit. */
function challengeBlocks(view: PromptView, heading: string, image: PromptImage | null): Block[] {
  const c = view.challenge;
  const steps = c.steps.map((step, i) => `${i + 1}. ${escapeMrkdwn(step)}`).join('\n');
  return [
    header(heading),
    section(`*${escapeMrkdwn(c.title)}* · ${view.localTime} · takes ${duration(c.seconds)}${c.equipment === 'band' ? ' · needs a resistance band' : ''}`),
    ...(image ? [imageBlock(image)] : []),
    section(steps),
    section(`*Why it helps:* ${escapeMrkdwn(c.why)}`),
    ...(c.easier ? [context(`*Easier:* ${escapeMrkdwn(c.easier)}`)] : []),
    context(`:warning: ${escapeMrkdwn(c.safety)}`, `Source: ${escapeMrkdwn(c.credit)}`),
  ];
}

function fallback(view: PromptView, lead: string): string {
  return `${lead}: ${view.challenge.title} (${duration(view.challenge.seconds)}). ${view.challenge.steps.join(' ')}`;
}

function snoozeSelect(view: PromptView): types.StaticSelect {
  return {
    type: 'static_select',
    action_id: ACTION.snooze,
    placeholder: { type: 'plain_text', text: 'Snooze…' },
    options: view.snoozeMinutes.map((minutes) => option(`Snooze ${minutes} min`, snoozeValue(view.promptId, minutes))),
  };
}

export function renderPrompt(view: PromptView, image: PromptImage | null = null): SlackMessage {
  return message(fallback(view, 'Time for a desk break'), [
    ...challengeBlocks(view, 'Time for a desk break', image),
    actions(`break|${view.promptId}`, [
      button('Done', ACTION.done, view.promptId, 'primary'),
      snoozeSelect(view),
      button('Skip', ACTION.skip, view.promptId),
      button('Swap', ACTION.swap, view.promptId),
    ]),
  ]);
}

export function joinedLine(joinedCount: number): string {
  if (joinedCount === 0) return ':busts_in_silhouette: Nobody has joined yet: be the first.';
  return `:busts_in_silhouette: ${joinedCount} ${joinedCount === 1 ? 'person has' : 'people have'} joined so far.`;
}

export function renderTeamPrompt(view: TeamPromptView): SlackMessage {
  const heading = `Team challenge for ${view.teamName}`;
  return message(`${fallback(view, heading)} ${joinedLine(view.joinedCount)}`, [
    ...challengeBlocks(view, heading, null),
    section(joinedLine(view.joinedCount), JOINED_BLOCK_ID),
    context('Everyone who clicks Done gets their own completion; it counts for the team today.'),
    actions(`team|${view.promptId}`, [button('Done', ACTION.done, view.promptId, 'primary')]),
  ]);
}
