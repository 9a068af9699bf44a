// Each member's DM channel with the app, opened once (conversations.open) and kept in the Store's records, so a prompt
// spends one Slack call (chat.postMessage) instead of two.
import type { RecordStore } from '../../core/index.ts';

export const DM_CHANNEL_KIND = 'slack-dm';

/** Slack's answers for a DM that can no longer take messages: forget it and open it again. */
export const CLOSED_DM_ERRORS: ReadonlySet<string> = new Set(['channel_not_found', 'is_archived']);

export interface DmChannels {
  /** The kept channel id, or null when none is kept. */
  get(memberId: string): Promise<string | null>;
  save(memberId: string, channelId: string): Promise<void>;
  forget(memberId: string): Promise<void>;
}

export function createDmChannels(store: Pick<RecordStore, 'getRecord' | 'putRecord' | 'deleteRecord'>): DmChannels {
  return {
    async get(memberId) {
      const channel = await store.getRecord(DM_CHANNEL_KIND, memberId);
      return channel === null || channel === '' ? null : channel;
    },
    save: (memberId, channelId) => store.putRecord(DM_CHANNEL_KIND, memberId, channelId),
    forget: (memberId) => store.deleteRecord(DM_CHANNEL_KIND, memberId),
  };
}
