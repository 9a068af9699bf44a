// The local web chat: the default front end when no Slack or Teams is configured.
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import type { BreakService, Logger, Messenger } from '../../core/index.ts';
import { createApiRouter } from './api-routes.ts';
import { DEFAULT_EVENT_HUB_OPTIONS, EventHub, type EventHubOptions } from './event-hub.ts';
import { errorResponder } from './http-errors.ts';
import { createWebMessenger } from './messenger.ts';
import { WEB_CHAT_LIMITS } from './limits.ts';

export { webMemberId, webTeamId, teamSlug } from './identity.ts';
export { WEB_CHAT_LIMITS, WEB_PEOPLE_ROSTER } from './limits.ts';

export interface WebChatDeps {
  service: BreakService;
  logger: Logger;
  /** Tests shorten the heartbeat; production keeps the defaults. */
  events?: Partial<EventHubOptions>;
  /** People the web chat holds (WEB_CHAT_LIMITS.maxMembers unless a test says otherwise). */
  maxMembers?: number;
}

export interface WebChat {
  /** Mount at the root: serves the page at GET / and the API under /web/api. */
  router: Router;
  /** Register with the service: prompts for `web:` members arrive in their open browser tabs. */
  messenger: Messenger;
  /** Ends every open event stream (they would otherwise keep the HTTP server from closing). */
  close(): void;
}

// Resolved from this file, so it works under tsx (src/) and after the build (dist/, which copies the assets).
const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export function createWebChat(deps: WebChatDeps): WebChat {
  const hub = new EventHub({ ...DEFAULT_EVENT_HUB_OPTIONS, ...deps.events });
  const router = express.Router();
  router.use('/web/api', createApiRouter(deps.service, hub, deps.maxMembers ?? WEB_CHAT_LIMITS.maxMembers));
  router.use(
    express.static(PUBLIC_DIR, {
      index: 'index.html',
      setHeaders: (res) => {
        for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
      },
    }),
  );
  router.use(errorResponder(deps.logger));
  return {
    router,
    messenger: createWebMessenger(hub, deps.service.ctx.store, deps.service.ctx.clock),
    close: () => hub.closeAll(),
  };
}
