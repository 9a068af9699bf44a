// Runs the command words for a sender and replies; "team-time" in a channel also makes it the team's channel.
import type { TurnContext } from 'botbuilder';
import { parseCommand, runCommand, TEAM_SETTINGS_WORDS, type CommandContext } from '../../core/index.ts';
import { isTeamAdmin } from './team-admin.ts';
import { replyActivity } from './command-replies.ts';
import { referenceOf } from './references-of.ts';
import type { Sender } from './sender.ts';
import { reply } from './turn-replies.ts';
import type { TurnDeps } from './turn-deps.ts';

export async function runWords(deps: TurnDeps, context: TurnContext, sender: Sender, text: string): Promise<void> {
  // Only words that change a team's settings need to know whether the person is an owner or the installer.
  const isAdmin = sender.team && TEAM_SETTINGS_WORDS.has(parseCommand(text).word) ? await isTeamAdmin(deps, context, sender) : false;
  const command: CommandContext = { memberId: sender.memberId, displayName: sender.displayName, timezone: sender.timezone, locale: sender.locale, team: sender.team, isTeamAdmin: isAdmin };
  const answer = await runCommand(deps.service, command, text);
  if (sender.team && parseCommand(text).word === 'team-time' && answer.kind === 'text') {
    await deps.references.save(sender.team.teamId, referenceOf(context.activity));
  }
  await reply(deps, context, sender.tenantId, replyActivity(answer));
}
