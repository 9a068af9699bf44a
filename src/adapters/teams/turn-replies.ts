// Answers within a turn, each through the tenant's limiter: a new message, or a card shown where the click came from.
import type { Activity, TurnContext } from 'botbuilder';
import type { AdaptiveCard } from './cards/card-kit.ts';
import { cardActivity } from './outbox.ts';
import type { TurnDeps } from './turn-deps.ts';

export function reply(deps: TurnDeps, context: TurnContext, tenantId: string, activity: Partial<Activity>): Promise<unknown> {
  return deps.outbox.limited(tenantId, () => context.sendActivity(activity));
}

/** Replaces message `messageId` with the card, or sends it as a new message when there is none to replace. */
export async function showInPlace(deps: TurnDeps, context: TurnContext, tenantId: string, card: AdaptiveCard, messageId: string | undefined): Promise<void> {
  if (messageId) await deps.outbox.limited(tenantId, () => context.updateActivity({ ...cardActivity(card), id: messageId }));
  else await reply(deps, context, tenantId, cardActivity(card));
}
