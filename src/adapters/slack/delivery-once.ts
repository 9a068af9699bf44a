// Slack retries a delivery it thinks we missed (x-slack-retry-num). The first delivery of each id wins; a retry of one
// we already took is acknowledged and dropped, so no side effect happens twice.
import type { Store } from '../../core/index.ts';
import { slackMemberId } from './ids.ts';

/** Long enough to outlast Slack's retries (three, over about five minutes). */
const REMEMBER_MS = 60 * 60_000;

/** `deliveryId` is an event_id, or the trigger_id of a click or command. */
export function firstDelivery(store: Store, workspaceId: string, deliveryId: string): Promise<boolean> {
  return store.putRecordIfAbsent('slack-delivery', slackMemberId(workspaceId, deliveryId), '1', REMEMBER_MS);
}
