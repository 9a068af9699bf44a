// The conversation reference an inbound activity gives: the personal chat, or the channel itself (not a thread).
import type { Activity } from 'botbuilder';
import type { StoredReference } from './conversation-references.ts';
import { baseConversationId, isPersonal } from './identity.ts';

export function referenceOf(activity: Activity): StoredReference {
  const personal = isPersonal(activity);
  return {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    conversation: { ...activity.conversation, id: baseConversationId(activity.conversation.id) },
    bot: activity.recipient,
    ...(personal && activity.from ? { user: activity.from } : {}),
    ...(activity.locale ? { locale: activity.locale } : {}),
  };
}
