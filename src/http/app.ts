// The one HTTP server: health, readiness and metrics here; each platform adapter mounts its own routes.
import express, { type Express } from 'express';
import type { Store } from '../core/index.ts';
import type { AppMetrics } from './metrics.ts';

export interface HttpAppDeps {
  store: Store;
  metrics: AppMetrics;
  /** False once shutdown has begun, so a load balancer stops sending traffic. */
  isAcceptingWork: () => boolean;
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (!deps.isAcceptingWork()) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    try {
      await deps.store.ping();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'store unreachable' });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return app;
}
