// What every Slack handler needs, passed as one value.
import type { BreakService, Logger, Store } from '../../core/index.ts';
import type { StoreInstallationStore } from './installation-store.ts';
import type { SlackApi } from './slack-api.ts';
import type { WorkLimit } from './work-limit.ts';
import type { SlackPictures } from './pictures.ts';

export interface SlackDeps {
  service: BreakService;
  store: Store;
  api: SlackApi;
  logger: Logger;
  /** Present with OAuth installs; null with a single SLACK_BOT_TOKEN. */
  installations: StoreInstallationStore | null;
  /** Bounds the post-ack work that runs at once; Slack calls stay outside it. */
  work: WorkLimit;
  /** Prompt pictures (linked or uploaded); absent in tests that do not look at them. */
  pictures?: SlackPictures;
}

/** Where a handler acts: the workspace and, when Bolt authorized the request, the bot token it already holds. */
export interface Workspace {
  id: string;
  token?: string | undefined;
}
