// A message: a card submission when it carries a value, else the command words typed (the bot's @mention stripped).
import { TurnContext, type Activity } from 'botbuilder';
import { runWords } from './command-runner.ts';
import { isPersonal } from './identity.ts';
import { referenceOf } from './references-of.ts';
import { senderOf, type Sender } from './sender.ts';
import { onSubmit } from './submit-handler.ts';
import type { TurnDeps } from './turn-deps.ts';

/** "<at>Desk breaks</at> join" -> "join": the SDK removes the bot's mention; leftover markup goes too. */
export function commandText(activity: Activity): string {
  const text = typeof activity.text === 'string' ? activity.text : '';
  // The SDK's mention removal reads the recipient and edits the text; without either there is no mention to remove.
  const withoutMention = activity.recipient && text !== '' ? (TurnContext.removeRecipientMention(activity) ?? text) : text;
  return withoutMention
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .trim();
}

/** Keeps the personal chat's reference fresh; a channel becomes its team's target when none is stored yet. */
async function rememberConversation(deps: TurnDeps, activity: Activity, sender: Sender): Promise<void> {
  if (isPersonal(activity)) await deps.references.save(sender.memberId, referenceOf(activity));
  else if (sender.team && !(await deps.references.load(sender.team.teamId))) await deps.references.save(sender.team.teamId, referenceOf(activity));
}

export async function onMessage(deps: TurnDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const sender = senderOf(activity);
  if (!sender) return;
  await rememberConversation(deps, activity, sender);
  if (typeof activity.value === 'object' && activity.value !== null) return onSubmit(deps, context, sender, activity.value);
  await runWords(deps, context, sender, commandText(activity));
}
