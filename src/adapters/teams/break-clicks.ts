// A Done / Snooze / Skip click, from Action.Execute or its Action.Submit fallback, turned into the card to show.
import { z } from 'zod';
import {
  challengeById,
  isCoreError,
  SNOOZE_MINUTES,
  teamPromptView,
  type BreakService,
  type ClickAction,
  type ClickReads,
  type ClickResultView,
  type PictureSource,
  type Prompt,
  type TeamPromptView,
} from '../../core/index.ts';
import { BREAK_VERBS } from './cards/break-actions.ts';
import { pictureElement } from './cards/picture.ts';
import type { AdaptiveCard } from './cards/card-kit.ts';
import { clickResultCard, promptCard, teamClickNote, teamPromptCard } from './cards/prompt-cards.ts';
import type { LiveCount } from './live-count.ts';
import { isTeamsDelivery } from './outbox.ts';

export const breakClickSchema = z.object({
  verb: z.enum([BREAK_VERBS.done, BREAK_VERBS.snooze, BREAK_VERBS.skip, BREAK_VERBS.swap]),
  promptId: z.string().min(1).max(200),
  minutes: z.coerce.number().int().optional(),
});

export type BreakClick = z.infer<typeof breakClickSchema>;

export interface Clicker {
  memberId: string;
  displayName: string;
  timezone: string | undefined;
}

export type ClickCard =
  /** Someone clicked another person's break, or a swap was refused: nothing changed, the card stays as it is. */
  | { kind: 'not-yours'; message: string }
  /** `prompt` is null when the bot no longer knows the break. */
  | { kind: 'card'; card: AdaptiveCard; result: ClickResultView; prompt: Prompt | null };

function actionOf(click: BreakClick): ClickAction {
  if (click.verb === BREAK_VERBS.done) return { kind: 'done' };
  if (click.verb === BREAK_VERBS.skip) return { kind: 'skip' };
  if (click.verb === BREAK_VERBS.swap) return { kind: 'swap' };
  return { kind: 'snooze', minutes: click.minutes ?? SNOOZE_MINUTES[0] };
}

async function teamViewOf(service: BreakService, prompt: Prompt): Promise<TeamPromptView | null> {
  const team = prompt.teamId ? await service.ctx.store.getTeam(prompt.teamId) : null;
  const challenge = challengeById(prompt.challengeId);
  if (!team || !challenge) return null;
  return teamPromptView(prompt, challenge, team, 0);
}

async function clickOnce(service: BreakService, click: BreakClick, memberId: string, read: ClickReads): Promise<ClickResultView> {
  try {
    return await service.click(click.promptId, memberId, actionOf(click), read);
  } catch (err) {
    if (!isCoreError(err) || err.code === 'store_unavailable') throw err;
    // A bad snooze length and the like: nothing recorded, the message says why.
    return { outcome: 'already-closed', promptId: click.promptId, message: err.message, challengeTitle: null, todayCount: null, streak: null, pointAwarded: false, teamRank: null, joinedCount: null, snoozedUntil: null };
  }
}

export interface BreakClickDeps {
  service: BreakService;
  liveCount: LiveCount;
  pictures?: PictureSource | null | undefined;
}

/** Records the click and returns the card for the clicker; a counted team Done also refreshes the channel's count. */
export async function handleBreakClick(deps: BreakClickDeps, click: BreakClick, clicker: Clicker): Promise<ClickCard> {
  // The prompt and the clicker are read once, together, for this adapter and the core click alike.
  const read = await deps.service.readClick(click.promptId, clicker.memberId);
  const prompt = read.prompt;
  // A team challenge is open to everyone in the channel, enrolled or not.
  if (prompt?.kind === 'team') read.actor = await deps.service.enrol({ memberId: clicker.memberId, displayName: clicker.displayName, timezone: clicker.timezone });
  const result = await clickOnce(deps.service, click, clicker.memberId, read);
  if (result.outcome === 'not-yours' || result.outcome === 'swap-limit' || result.outcome === 'no-other') return { kind: 'not-yours', message: result.message };
  // A swap shows the same prompt with its new challenge, buttons and all.
  if (result.swappedTo) return { kind: 'card', card: promptCard(result.swappedTo, pictureElement(deps.pictures, result.swappedTo.challenge.id)), result, prompt };

  const teamView = prompt?.kind === 'team' ? await teamViewOf(deps.service, prompt) : null;
  if (prompt && teamView) {
    const joined = result.joinedCount ?? 0;
    if (result.outcome === 'done' && isTeamsDelivery(prompt.delivery)) {
      void deps.liveCount.show(prompt.id, prompt.delivery, prompt.tenantId, joined, (count) => teamPromptCard(teamView, count));
    }
    return { kind: 'card', card: teamPromptCard(teamView, joined, teamClickNote(result)), result, prompt };
  }
  return { kind: 'card', card: clickResultCard(result, read.actor?.schedule.timezone ?? deps.service.ctx.defaultTimezone), result, prompt };
}
