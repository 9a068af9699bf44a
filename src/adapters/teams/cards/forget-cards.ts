// forget-me's question as a card: what would be deleted and one action that deletes (data: the asker's own member id).
import { card, heading, plain, text, type AdaptiveCard } from './card-kit.ts';

export const FORGET_CONFIRM_VERB = 'forget_confirm';

export function forgetConfirmCard(question: string, memberId: string): AdaptiveCard {
  const data = { memberId };
  return card(
    [heading('Delete everything?'), ...question.split('\n').map((line) => text(plain(line)))],
    [
      {
        type: 'Action.Execute',
        title: 'Delete everything',
        verb: FORGET_CONFIRM_VERB,
        data,
        style: 'destructive',
        // Clients without Universal Actions post this back as a message whose value is { verb, memberId }.
        fallback: { type: 'Action.Submit', title: 'Delete everything', data: { verb: FORGET_CONFIRM_VERB, ...data } },
      },
    ],
  );
}

export function forgottenCard(message: string): AdaptiveCard {
  return card([text(plain(message))]);
}
