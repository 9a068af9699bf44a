// What every turn handler needs, passed as one value.
import type { BreakService, Logger, PictureSource } from '../../core/index.ts';
import type { ReferenceStore } from './conversation-references.ts';
import type { LiveCount } from './live-count.ts';
import type { Outbox } from './outbox.ts';

export interface TurnDeps {
  service: BreakService;
  references: ReferenceStore;
  outbox: Outbox;
  liveCount: LiveCount;
  logger: Logger;
  /** Challenge pictures for the cards a swap answers with. */
  pictures?: PictureSource | null | undefined;
}
