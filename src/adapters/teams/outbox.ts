// Every message the bot sends to Teams goes through here: paced by the tenant's shared limiter and retried on
// 429/412/502/504. Proactive sends open a turn with continueConversationAsync and call the connector directly.
import { CardFactory, type Activity, type CloudAdapter, type TurnContext } from 'botbuilder';
import type { Delivery, Logger, Store, WireGate } from '../../core/index.ts';
import { limitedSend, type LimitedSendDeps } from '../shared/limited-send.ts';
import type { AdaptiveCard } from './cards/card-kit.ts';
import type { StoredReference } from './conversation-references.ts';
import { classifyTeamsFailure, TEAMS_SEND_POLICY, teamsLimiterKey } from './send-policy.ts';

/** Where a sent message lives, kept on the prompt so it can be replaced in place. */
export interface TeamsDelivery {
  activityId: string;
  conversationId: string;
  serviceUrl: string;
}

const REQUEST_TIMEOUT_MS = 10_000;

/** The part of the SDK's connector client used here (its type lives in a package this project does not depend on). */
interface ConnectorClient {
  conversations: {
    sendToConversation(conversationId: string, activity: Activity, options: { timeout: number }): Promise<{ id?: string }>;
    updateActivity(conversationId: string, activityId: string, activity: Activity, options: { timeout: number }): Promise<unknown>;
  };
}

export function cardActivity(card: AdaptiveCard, summary?: string): Partial<Activity> {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)], ...(summary ? { summary } : {}) };
}

export function isTeamsDelivery(delivery: Delivery): delivery is Delivery & TeamsDelivery {
  return Boolean(delivery['activityId'] && delivery['conversationId'] && delivery['serviceUrl']);
}

export interface OutboxDeps {
  adapter: CloudAdapter;
  /** The bot's app id; empty when authentication is off (Emulator, tests). */
  appId: string;
  store: Store;
  logger: Logger;
  send?: Omit<LimitedSendDeps, 'store'>;
  /** Sends per second per tenant, all instances together (TEAMS_SENDS_PER_SECOND); default TEAMS_SEND_POLICY's. */
  perSecond?: number;
}

export interface Outbox {
  /** Runs one send (an in-turn reply or update) under the tenant's limiter, with retries. */
  limited<T>(tenantId: string, send: () => Promise<T>): Promise<T>;
  /** Posts a new message to a stored conversation; a `gate` is passed once the tenant's limiter grants the post. */
  post(reference: StoredReference, tenantId: string, activity: Partial<Activity>, gate?: WireGate): Promise<TeamsDelivery>;
  /** Replaces an earlier message in place. */
  replace(delivery: TeamsDelivery, tenantId: string, activity: Partial<Activity>): Promise<void>;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const sendDeps: LimitedSendDeps = { store: deps.store, now: Date.now, ...deps.send };

  const policy = { ...TEAMS_SEND_POLICY, ...(deps.perSecond ? { perSecond: deps.perSecond } : {}) };
  const limited = <T>(tenantId: string, send: () => Promise<T>, gate?: WireGate): Promise<T> =>
    limitedSend(sendDeps, teamsLimiterKey(tenantId), policy, send, (err) => classifyTeamsFailure(err), gate);

  /** Opens a proactive turn and hands back what `work` returned; errors come back out even if the adapter has onTurnError. */
  async function inTurn<T>(reference: StoredReference, work: (client: ConnectorClient) => Promise<T>): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | null = null;
    await deps.adapter.continueConversationAsync(deps.appId, reference, async (context: TurnContext) => {
      try {
        const client = context.turnState.get(context.adapter.ConnectorClientKey) as ConnectorClient;
        outcome = { ok: true, value: await work(client) };
      } catch (error) {
        outcome = { ok: false, error };
      }
    });
    const settled = outcome as { ok: true; value: T } | { ok: false; error: unknown } | null;
    if (settled === null) throw new Error('teams: the proactive turn did not run');
    if (!settled.ok) throw settled.error;
    return settled.value;
  }

  return {
    limited,
    async post(reference, tenantId, activity, gate) {
      const conversationId = reference.conversation.id;
      const response = await inTurn(reference, (client) =>
        limited(tenantId, () => client.conversations.sendToConversation(conversationId, activity as Activity, { timeout: REQUEST_TIMEOUT_MS }), gate),
      );
      return { activityId: response.id ?? '', conversationId, serviceUrl: reference.serviceUrl };
    },
    async replace(delivery, tenantId, activity) {
      const reference: StoredReference = { channelId: 'msteams', serviceUrl: delivery.serviceUrl, conversation: { id: delivery.conversationId, isGroup: false, conversationType: '', name: '' } };
      await inTurn(reference, (client) =>
        limited(tenantId, () =>
          client.conversations.updateActivity(delivery.conversationId, delivery.activityId, { ...activity, id: delivery.activityId } as Activity, { timeout: REQUEST_TIMEOUT_MS }),
        ),
      );
    },
  };
}
