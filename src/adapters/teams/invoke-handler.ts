// Action.Execute (invoke adaptiveCard/action): record the click and answer with the refreshed card within 3 s.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { breakClickSchema, handleBreakClick } from './break-clicks.ts';
import { ADAPTIVE_CARD_CONTENT_TYPE } from './cards/card-kit.ts';
import { displayNameOf, memberIdOf, timezoneOf } from './identity.ts';
import type { TurnDeps } from './turn-deps.ts';
import { forgottenCard } from './cards/forget-cards.ts';
import { confirmForget, forgetConfirmSchema } from './forget-confirm.ts';

export const ADAPTIVE_CARD_ACTION = 'adaptiveCard/action';

const executeSchema = z.looseObject({
  action: z.looseObject({
    type: z.literal('Action.Execute'),
    verb: z.string(),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** The body of an adaptiveCard/action answer: a card, a message for the clicker, or an error. */
export interface CardActionResponse {
  statusCode: number;
  type: string;
  value: unknown;
}

export function errorResponse(statusCode: number, code: string, message: string): CardActionResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}

export async function sendInvokeResponse(context: TurnContext, body: CardActionResponse): Promise<void> {
  // The HTTP status follows the body's, as the SDK's own handlers do.
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: body.statusCode, body } });
}

export async function onInvoke(deps: TurnDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  if (activity.name !== ADAPTIVE_CARD_ACTION) {
    // Message extensions, tabs, sign-in: features this bot does not have. A client error, not the SDK's default 501,
    // so that invokes nobody should send do not show up as server errors.
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 400 } });
    return;
  }
  const execute = executeSchema.safeParse(activity.value);
  const forget = execute.success ? forgetConfirmSchema.safeParse({ ...execute.data.action.data, verb: execute.data.action.verb }) : null;
  const forgetter = memberIdOf(activity);
  if (forget?.success && forgetter) {
    const outcome = await confirmForget(deps, forgetter, forget.data);
    if (outcome.kind === 'not-yours') return sendInvokeResponse(context, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: outcome.message });
    return sendInvokeResponse(context, { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: forgottenCard(outcome.message) });
  }
  const click = execute.success ? breakClickSchema.safeParse({ ...execute.data.action.data, verb: execute.data.action.verb }) : null;
  const memberId = memberIdOf(activity);
  if (!click?.success || !memberId) return sendInvokeResponse(context, errorResponse(400, 'BadRequest', 'This card action is not one the bot knows.'));

  const outcome = await handleBreakClick(deps, click.data, { memberId, displayName: displayNameOf(activity), timezone: timezoneOf(activity) });
  if (outcome.kind === 'not-yours') {
    // A message answer leaves the card as it is and tells only the person who clicked.
    return sendInvokeResponse(context, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: outcome.message });
  }
  await sendInvokeResponse(context, { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: outcome.card });
}
