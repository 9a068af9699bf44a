// Test harness for the web chat: the real HTTP app on port 0, the memory store, and a clock the test sets.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BreakService, type Logger, type Store } from '../../src/core/index.ts';
import { MemoryStore } from '../../src/adapters/memory/index.ts';
import { createWebChat } from '../../src/adapters/web/index.ts';
import { mediaRouter } from '../../src/http/media.ts';
import { PictureCache } from '../../src/http/pictures.ts';
import { createHttpApp } from '../../src/http/app.ts';
import { createMetrics } from '../../src/http/metrics.ts';

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface WebChatServer {
  baseUrl: string;
  service: BreakService;
  store: Store;
  setTime(iso: string): void;
  advance(ms: number): void;
  close(): Promise<void>;
}

export interface WebChatServerOptions {
  /** Wraps the memory store, e.g. to make it fail. */
  wrapStore?: (store: Store) => Store;
  heartbeatMs?: number;
}

export async function startWebChatServer(startIso: string, options: WebChatServerOptions = {}): Promise<WebChatServer> {
  let t = Date.parse(startIso);
  const clock = { now: () => t };
  const memory = new MemoryStore({ now: clock.now });
  const store = options.wrapStore ? options.wrapStore(memory) : memory;
  const metrics = createMetrics({ defaultMetrics: false });
  const service = new BreakService({ store, clock, metrics, spreadSeconds: 0 });
  const web = createWebChat({ service, logger: silent, events: options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {} });
  service.registerMessenger(web.messenger);
  const app = createHttpApp({ store, metrics, isAcceptingWork: () => true });
  app.use(web.router);
  // The same media route the bot mounts: prompt cards show their picture from it.
  app.use(mediaRouter(PictureCache.load(null)));
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    service,
    store,
    setTime: (iso) => {
      t = Date.parse(iso);
    },
    advance: (ms) => {
      t += ms;
    },
    close: async () => {
      web.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
