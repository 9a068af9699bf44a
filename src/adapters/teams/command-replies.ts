// A command's reply as a Teams message: plain text for short answers, a card for help, settings, stats and boards.
import type { Activity } from 'botbuilder';
import type { CommandReply } from '../../core/index.ts';
import { helpCard, leaderboardCard, statsCard } from './cards/command-cards.ts';
import { settingsCard, settingsValuesOf } from './cards/settings-card.ts';
import { cardActivity } from './outbox.ts';
import { forgetConfirmCard } from './cards/forget-cards.ts';

export function replyActivity(reply: CommandReply): Partial<Activity> {
  switch (reply.kind) {
    case 'text':
    case 'error':
      return { type: 'message', text: reply.text };
    case 'help':
      return cardActivity(helpCard(reply.text, reply.unknown), 'Desk breaks: help');
    case 'settings':
      return cardActivity(settingsCard(settingsValuesOf(reply.member)), 'Your break settings');
    case 'stats':
      return cardActivity(statsCard(reply.view), 'Your break stats');
    case 'leaderboard':
      return cardActivity(leaderboardCard(reply.view, reply.workspace, reply.text), reply.text);
    case 'forget-confirm':
      return cardActivity(forgetConfirmCard(reply.text, reply.memberId), 'Delete everything the bot knows about you?');
  }
}
