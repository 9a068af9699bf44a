// Runs the command words for a sender and replies; "team-time" in a channel also makes it the team's channel.
import type { TurnContext } from 'botbuilder';
import { parseCommand, runCommand, type CommandContext } from '../../core/index.ts';
import { replyActivity } from './command-replies.ts';
import { referenceOf } from './references-of.ts';
import type { Sender } from './sender.ts';
import { reply } from './turn-replies.ts';
import type { TurnDeps } from './turn-deps.ts';

export async function runWords(deps: TurnDeps, context: TurnContext, sender: Sender, text: string): Promise<void> {
  const command: CommandContext = { memberId: sender.memberId, displayName: sender.displayName, timezone: sender.timezone, team: sender.team };
  const answer = await runCommand(deps.service, command, text);
  if (sender.team && parseCommand(text).word === 'team-time' && answer.kind === 'text') {
    await deps.references.save(sender.team.teamId, referenceOf(context.activity));
  }
  await reply(deps, context, sender.tenantId, replyActivity(answer));
}
