// One turn: route by activity type. A failure is logged and answered politely; it never escapes to the HTTP layer.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { onConversationUpdate, onInstallationUpdate } from './install-handler.ts';
import { errorResponse, onInvoke, sendInvokeResponse } from './invoke-handler.ts';
import { onMessage } from './message-handler.ts';
import type { TurnDeps } from './turn-deps.ts';

const SORRY = 'Something went wrong on my side, so nothing was changed. Please try again in a moment.';

async function route(deps: TurnDeps, context: TurnContext): Promise<void> {
  switch (context.activity.type) {
    case ActivityTypes.Message:
      return onMessage(deps, context);
    case ActivityTypes.Invoke:
      return onInvoke(deps, context);
    case ActivityTypes.ConversationUpdate:
      return onConversationUpdate(deps, context);
    case ActivityTypes.InstallationUpdate:
      return onInstallationUpdate(deps, context);
    default:
      // Typing, reactions, message edits and the like need nothing from this bot.
      return;
  }
}

export function createTurnLogic(deps: TurnDeps): (context: TurnContext) => Promise<void> {
  return async (context) => {
    try {
      await route(deps, context);
    } catch (err) {
      const activity = context.activity;
      deps.logger.error({ type: activity.type, name: activity.name, err: err instanceof Error ? `${err.name}: ${err.message}` : 'unknown' }, 'teams: turn failed');
      await apologise(context).catch(() => undefined);
    }
  };
}

async function apologise(context: TurnContext): Promise<void> {
  if (context.activity.type === ActivityTypes.Invoke) await sendInvokeResponse(context, errorResponse(500, 'InternalError', SORRY));
  else if (context.activity.type === ActivityTypes.Message) await context.sendActivity({ type: 'message', text: SORRY });
}
