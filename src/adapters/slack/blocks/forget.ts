// forget-me's question: what would be deleted, and one red button that deletes (value: the asker's own member id).
import { ACTION } from '../action-ids.ts';
import { escapeMrkdwn } from './limits.ts';
import { actions, button, message, sectionsOfLines, type SlackMessage } from './kit.ts';

export function renderForgetConfirm(text: string, memberId: string): SlackMessage {
  const lines = escapeMrkdwn(text).split('\n');
  return message(text, [...sectionsOfLines(lines), actions('forget', [button('Delete everything', ACTION.forgetConfirm, memberId, 'danger')])]);
}
