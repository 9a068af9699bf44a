// Prompt cards: a personal break, a team challenge with its live count, and the card a click leaves behind.
import { DateTime } from 'luxon';
import type { Challenge, ClickResultView, PromptView, TeamPromptView } from '../../../core/index.ts';
import { card, facts, heading, plain, text, type AdaptiveCard, type CardElement } from './card-kit.ts';
import { doneAction, promptActions, swapActionSet } from './break-actions.ts';

function challengeBody(challenge: Challenge, picture: CardElement | null = null): CardElement[] {
  const kit = challenge.equipment === 'band' ? ' · resistance band' : '';
  return [
    heading(challenge.title),
    text(`About ${challenge.seconds} seconds · ${challenge.posture}${kit}`, { subtle: true, spacing: 'none' }),
    ...(picture ? [picture] : []),
    ...challenge.steps.map((step, i) => text(`${i + 1}. ${step}`, { spacing: 'small' })),
    text(`Why: ${challenge.why}`, { spacing: 'medium' }),
    ...(challenge.easier ? [text(`Easier: ${challenge.easier}`, { size: 'small' })] : []),
    text(challenge.safety, { size: 'small', color: 'warning' }),
    text(challenge.credit, { size: 'small', subtle: true }),
  ];
}

/** `picture` is the card's Image element (see picture.ts), or null to send the card without one. */
export function promptCard(view: PromptView, picture: CardElement | null = null): AdaptiveCard {
  return card(
    [text(`Desk break · ${view.localTime}`, { size: 'small', subtle: true }), ...challengeBody(view.challenge, picture), swapActionSet(view.promptId)],
    promptActions(view.promptId, view.snoozeMinutes),
  );
}

export function joinedLine(joinedCount: number): string {
  if (joinedCount === 0) return 'Nobody has joined yet: be the first.';
  return joinedCount === 1 ? '1 person has joined.' : `${joinedCount} people have joined.`;
}

/** The channel's card: everyone sees the same count; `note` is a line for the person who just clicked. */
export function teamPromptCard(view: TeamPromptView, joinedCount: number, note: string | null = null): AdaptiveCard {
  return card(
    [
      text(`Team challenge for ${plain(view.teamName)} · ${view.localTime}`, { size: 'small', subtle: true }),
      ...challengeBody(view.challenge),
      text(joinedLine(joinedCount), { weight: 'bolder', color: 'accent', spacing: 'medium' }),
      ...(note ? [text(note, { color: 'good' })] : []),
    ],
    [doneAction(view.promptId)],
  );
}

function streakLabel(streak: number): string {
  return `${streak} workday${streak === 1 ? '' : 's'}`;
}

function resultFacts(result: ClickResultView): Array<readonly [string, string]> {
  const rows: Array<readonly [string, string]> = [];
  if (result.todayCount !== null) rows.push(['Today', `${result.todayCount} break${result.todayCount === 1 ? '' : 's'}`]);
  if (result.streak !== null) rows.push(['Streak', streakLabel(result.streak)]);
  if (result.teamRank !== null) rows.push(['Team', plain(result.teamRank)]);
  return rows;
}

function resultHeadline(result: ClickResultView, timezone: string): { line: string; color: 'good' | 'default' | 'attention' } {
  switch (result.outcome) {
    case 'done':
      return { line: 'Break done', color: 'good' };
    case 'already-done':
      return { line: 'Already counted', color: 'good' };
    case 'snoozed': {
      const until = result.snoozedUntil === null ? '' : ` until ${DateTime.fromMillis(result.snoozedUntil, { zone: timezone }).toFormat('HH:mm')}`;
      return { line: `Snoozed${until}`, color: 'default' };
    }
    case 'skipped':
      return { line: 'Skipped', color: 'default' };
    default:
      return { line: 'Nothing recorded', color: 'attention' };
  }
}

/** What a personal prompt becomes after a click: the outcome and the figures, with no buttons left. */
export function clickResultCard(result: ClickResultView, timezone: string): AdaptiveCard {
  const headline = resultHeadline(result, timezone);
  const rows = resultFacts(result);
  return card([
    text(headline.line, { size: 'small', weight: 'bolder', color: headline.color }),
    heading(result.challengeTitle ?? 'Desk break'),
    text(result.message),
    ...(rows.length > 0 ? [facts(rows)] : []),
  ]);
}

/** The clicker's own line under a team challenge. */
export function teamClickNote(result: ClickResultView): string {
  if (result.outcome !== 'done' && result.outcome !== 'already-done') return result.message;
  const parts = [result.outcome === 'done' ? 'You are in' : 'You were already counted'];
  if (result.streak !== null) parts.push(`streak ${streakLabel(result.streak)}`);
  if (result.teamRank !== null) parts.push(result.teamRank);
  return `${parts.join(' · ')}.`;
}
