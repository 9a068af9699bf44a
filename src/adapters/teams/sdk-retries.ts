// The connector client retries 429 and 5xx on its own, outside the tenant's shared limiter; limitedSend is the one
// place that retries, so this middleware takes the SDK's retry policy out of every turn's connector client.
import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from '../../core/index.ts';

/** The policy name @azure/core-rest-pipeline gives its default retry policy. */
const SDK_RETRY_POLICY = 'defaultRetryPolicy';

interface PipelineHolder {
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown } };
}

/** True when the policy could be removed; the client keeps working either way. */
export function removeSdkRetries(connectorClient: unknown): boolean {
  // The pipeline is private in the SDK's types; the shape is checked rather than assumed.
  const pipeline = (connectorClient as PipelineHolder | undefined)?.client?.pipeline;
  if (!pipeline || typeof pipeline.removePolicy !== 'function') return false;
  pipeline.removePolicy({ name: SDK_RETRY_POLICY });
  return true;
}

export function sdkRetriesOff(logger: Logger): Middleware {
  let warned = false;
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      const client: unknown = context.turnState.get(context.adapter.ConnectorClientKey);
      if (!removeSdkRetries(client) && !warned) {
        warned = true;
        logger.warn({}, 'teams: could not turn off the SDK retry policy; sends may be retried twice');
      }
      await next();
    },
  };
}
