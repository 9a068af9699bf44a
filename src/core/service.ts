// The core's one entry point for adapters and the scheduler: every use case, bound to its ports.
import type { CoreContext, SendStage } from './context.ts';
import type { Platform } from './model.ts';
import type { Clock, CoreMetrics, Logger, Messenger, Store } from './ports/index.ts';
import { noMetrics } from './ports/index.ts';
import * as members from './people/members.ts';
import { enrolAll, type EnrolAllOptions } from './people/bulk-enrol.ts';
import * as prompting from './prompts/issue.ts';
import * as boards from './boards/views.ts';
import * as teams from './people/teams.ts';
import { TeamFactsCache } from './people/team-facts.ts';
import { click, readClick, type ClickAction, type ClickReads } from './prompts/clicks.ts';
import { handleDueBatch } from './dispatch/due.ts';
import type { Claim } from './ports/index.ts';

export interface BreakServiceOptions {
  store: Store;
  clock?: Clock;
  logger?: Logger;
  metrics?: CoreMetrics;
  messengers?: Partial<Record<Platform, Messenger>>;
  spreadSeconds?: number;
  /** Per platform, prompts a second one tenant takes (all instances): widens a big tenant's spread window. */
  sendsPerSecond?: Partial<Record<Platform, number>>;
  /** DEFAULT_TIMEZONE: for members and teams whose platform gives no zone (UTC if unset). */
  defaultTimezone?: string;
  /** Tests only: told when a scheduled send reaches a stage (see TEST_CRASH_AT). */
  stageReached?: (stage: SendStage) => void;
}

const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export class BreakService {
  readonly ctx: CoreContext;

  constructor(options: BreakServiceOptions) {
    this.ctx = {
      store: options.store,
      clock: options.clock ?? { now: () => Date.now() },
      logger: options.logger ?? silentLogger,
      metrics: options.metrics ?? noMetrics,
      messengers: { ...(options.messengers ?? {}) },
      spreadSeconds: options.spreadSeconds ?? 180,
      sendsPerSecond: { ...(options.sendsPerSecond ?? {}) },
      defaultTimezone: options.defaultTimezone ?? 'UTC',
      stageReached: options.stageReached,
      teamFacts: new TeamFactsCache(),
    };
  }

  /** Adapters register their messenger once they are built (they may need the service first). */
  registerMessenger(messenger: Messenger): void {
    this.ctx.messengers[messenger.platform] = messenger;
  }

  enrol(input: members.EnrolInput) {
    return members.enrol(this.ctx, input);
  }
  /** Many people at once (an install, an import): see people/bulk-enrol.ts. */
  enrolAll(inputs: readonly members.EnrolInput[], options: EnrolAllOptions) {
    return enrolAll(this.ctx, inputs, options);
  }
  getMember(memberId: string) {
    return this.ctx.store.getMember(memberId);
  }
  start(memberId: string) {
    return members.start(this.ctx, memberId);
  }
  stop(memberId: string) {
    return members.stop(this.ctx, memberId);
  }
  pause(memberId: string, until: number) {
    return members.pause(this.ctx, memberId, until);
  }
  resume(memberId: string) {
    return members.resume(this.ctx, memberId);
  }
  updateSettings(memberId: string, patch: members.SettingsPatch) {
    return members.updateSettings(this.ctx, memberId, patch);
  }
  forget(memberId: string) {
    return members.forget(this.ctx, memberId);
  }
  promptNow(memberId: string) {
    return prompting.promptNow(this.ctx, memberId);
  }
  /** `read`: the prompt and clicker as the caller already read them (readClick), so the click does not read them again. */
  click(promptId: string, actorId: string, action: ClickAction, read?: ClickReads) {
    return click(this.ctx, promptId, actorId, action, read);
  }
  readClick(promptId: string, actorId: string) {
    return readClick(this.ctx, promptId, actorId);
  }
  ensureTeam(input: teams.TeamInput) {
    return teams.ensureTeam(this.ctx, input);
  }
  joinTeam(memberId: string, teamId: string) {
    return teams.joinTeam(this.ctx, memberId, teamId);
  }
  leaveTeam(memberId: string, teamId: string) {
    return teams.leaveTeam(this.ctx, memberId, teamId);
  }
  setTeamChallengeTime(teamId: string, time: string | null) {
    return teams.setTeamChallengeTime(this.ctx, teamId, time);
  }
  updateTeamSettings(teamId: string, patch: teams.TeamSettingsPatch) {
    return teams.updateTeamSettings(this.ctx, teamId, patch);
  }
  leaderboard(teamId: string, viewerId: string | null) {
    return boards.leaderboard(this.ctx, teamId, viewerId);
  }
  workspaceBoard(platform: Platform, tenantId: string, viewerTeamId: string | null) {
    return boards.workspaceBoard(this.ctx, platform, tenantId, viewerTeamId);
  }
  stats(memberId: string) {
    return boards.stats(this.ctx, memberId);
  }
  /** Scheduler entry for a claimed batch: one outcome per job, in order; at most `concurrency` platform calls at once. */
  handleDueBatch(jobs: Claim[], concurrency: number, signal?: AbortSignal) {
    return handleDueBatch(this.ctx, jobs, concurrency, signal);
  }
}

export type { ClickAction };
