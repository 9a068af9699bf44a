// Done / Snooze / Skip / Swap as Action.Execute (Universal Actions) with an Action.Submit fallback for older clients.
import type { CardAction, CardElement } from './card-kit.ts';

export const BREAK_VERBS = { done: 'break_done', snooze: 'break_snooze', skip: 'break_skip', swap: 'break_swap' } as const;
export type BreakVerb = (typeof BREAK_VERBS)[keyof typeof BREAK_VERBS];

function breakAction(title: string, verb: BreakVerb, promptId: string, extra: Record<string, unknown> = {}, style?: 'positive'): CardAction {
  return {
    type: 'Action.Execute',
    title,
    verb,
    data: { promptId, ...extra },
    ...(style ? { style } : {}),
    // Clients without Universal Actions post this back as a message whose value is { verb, promptId }.
    fallback: { type: 'Action.Submit', title, data: { verb, promptId, ...extra } },
  };
}

export function doneAction(promptId: string): CardAction {
  return breakAction('Done', BREAK_VERBS.done, promptId, {}, 'positive');
}

export function promptActions(promptId: string, snoozeMinutes: readonly number[]): CardAction[] {
  return [
    doneAction(promptId),
    ...snoozeMinutes.map((minutes) => breakAction(`Snooze ${minutes} min`, BREAK_VERBS.snooze, promptId, { minutes })),
    breakAction('Skip', BREAK_VERBS.skip, promptId),
  ];
}

/**
 * Swap sits in the card body, under the challenge it replaces: Teams shows at most 5 card-level actions, and
 * Done, three snoozes and Skip take them all.
 */
export function swapActionSet(promptId: string): CardElement {
  return { type: 'ActionSet', spacing: 'small', actions: [breakAction('Swap for another', BREAK_VERBS.swap, promptId)] };
}
