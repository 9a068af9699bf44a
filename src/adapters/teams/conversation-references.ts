// Conversation references on the Store port: one per member (personal chat) and one per team (its channel).
import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { Store } from '../../core/index.ts';

export const REFERENCE_KIND = 'teams-conversation';

const storedReferenceSchema = z.looseObject({
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
  bot: z.looseObject({ id: z.string() }).optional(),
  user: z.looseObject({ id: z.string() }).optional(),
  locale: z.string().optional(),
});

/** What is kept: enough to reach the conversation again, nothing from the message itself. */
export type StoredReference = Partial<ConversationReference> & Pick<ConversationReference, 'channelId' | 'serviceUrl' | 'conversation'>;

export interface ReferenceStore {
  save(id: string, reference: StoredReference): Promise<void>;
  /** null when never stored, removed on uninstall, or unreadable. */
  load(id: string): Promise<StoredReference | null>;
  remove(id: string): Promise<void>;
}

export function createReferenceStore(store: Pick<Store, 'putRecord' | 'getRecord' | 'deleteRecord'>): ReferenceStore {
  return {
    async save(id, reference) {
      const { channelId, serviceUrl, conversation, bot, user, locale } = reference;
      await store.putRecord(REFERENCE_KIND, id, JSON.stringify({ channelId, serviceUrl, conversation, bot, user, locale }));
    },
    async load(id) {
      const raw = await store.getRecord(REFERENCE_KIND, id);
      if (raw === null) return null;
      try {
        const parsed = storedReferenceSchema.safeParse(JSON.parse(raw));
        return parsed.success ? (parsed.data as unknown as StoredReference) : null;
      } catch {
        return null;
      }
    },
    async remove(id) {
      await store.deleteRecord(REFERENCE_KIND, id);
    },
  };
}
