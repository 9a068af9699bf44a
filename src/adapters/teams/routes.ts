// POST /api/messages: body parsed and checked here (400), authenticated by the SDK (401), then one turn runs.
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from '../../core/index.ts';
import { describeIssues, inboundActivitySchema, withDates } from './activity-schema.ts';
import { TeamsAuthenticationError, type TeamsCloudAdapter } from './adapter.ts';

export const MESSAGES_PATH = '/api/messages';
const BODY_LIMIT = '256kb';

export interface TeamsRouteDeps {
  adapter: TeamsCloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
}

const bodyErrors: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  const status = (err as { status?: unknown } | null)?.status;
  if (res.headersSent || typeof status !== 'number' || status < 400 || status >= 500) {
    next(err);
    return;
  }
  res.status(status).json({ error: status === 413 ? 'the body is too large' : 'the body is not valid JSON' });
};

export function createTeamsRouter(deps: TeamsRouteDeps): Router {
  const router = express.Router();
  router.post(MESSAGES_PATH, express.json({ limit: BODY_LIMIT }), async (req, res) => {
    const parsed = inboundActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'not a Bot Framework activity', issues: describeIssues(parsed.error) });
      return;
    }
    const activity = withDates(parsed.data) as unknown as Activity;
    try {
      const invoke = await deps.adapter.runTurn(req.get('authorization') ?? '', activity, deps.logic);
      if (!invoke) {
        res.status(200).end();
        return;
      }
      res.status(invoke.status);
      if (invoke.body === undefined) res.end();
      else res.json(invoke.body);
    } catch (err) {
      if (err instanceof TeamsAuthenticationError && err.outcome === 'refused') {
        deps.logger.warn({ channelId: activity.channelId, reason: err.reason }, 'teams: request refused: missing or invalid Bot Framework token');
        res.status(401).json({ error: 'unauthorized' });
        return;
      }
      if (err instanceof TeamsAuthenticationError) {
        // Microsoft's signing keys could not be loaded: nobody can be verified until they can, so ask for a retry.
        deps.logger.error({ reason: err.reason }, 'teams: cannot verify Bot Framework tokens: signing keys unavailable');
        res.status(503).json({ error: 'cannot verify the request right now' });
        return;
      }
      deps.logger.error({ err: err instanceof Error ? `${err.name}: ${err.message}` : 'unknown' }, 'teams: request failed');
      res.status(500).json({ error: 'internal error' });
    }
  });
  router.use(MESSAGES_PATH, bodyErrors);
  return router;
}
