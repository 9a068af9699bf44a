// Keeps the channel's team-challenge card showing how many joined. Clicks that land while an update is under way
// fold into one follow-up update with the highest count, so a burst of clicks stays under Teams' per-chat limit.
import type { Logger } from '../../core/index.ts';
import { cardActivity, type Outbox, type TeamsDelivery } from './outbox.ts';
import type { AdaptiveCard } from './cards/card-kit.ts';

interface Pending {
  latestCount: number;
  render: (joinedCount: number) => AdaptiveCard;
  again: boolean;
  done: Promise<void>;
}

export interface LiveCount {
  /** Shows `joinedCount` (or a higher one already seen) on the card; resolves once the card says so. Never rejects. */
  show(promptId: string, delivery: TeamsDelivery, tenantId: string, joinedCount: number, render: (joinedCount: number) => AdaptiveCard): Promise<void>;
}

export function createLiveCount(outbox: Outbox, logger: Logger): LiveCount {
  const pending = new Map<string, Pending>();

  async function run(promptId: string, delivery: TeamsDelivery, tenantId: string, state: Pending): Promise<void> {
    do {
      state.again = false;
      try {
        await outbox.replace(delivery, tenantId, cardActivity(state.render(state.latestCount)));
      } catch (err) {
        logger.warn({ promptId, err: err instanceof Error ? err.message : 'unknown' }, 'teams: team challenge count update failed');
      }
    } while (state.again);
    pending.delete(promptId);
  }

  return {
    show(promptId, delivery, tenantId, joinedCount, render) {
      const current = pending.get(promptId);
      if (current) {
        current.latestCount = Math.max(current.latestCount, joinedCount);
        current.render = render;
        current.again = true;
        return current.done;
      }
      const state: Pending = { latestCount: joinedCount, render, again: false, done: Promise.resolve() };
      pending.set(promptId, state);
      state.done = run(promptId, delivery, tenantId, state);
      return state.done;
    },
  };
}
