// What to do when jobs in the due index come due: each job's next due instant (null: drop it). The scheduler hands
// over a claimed batch at once, so member jobs share their store calls (member-due.ts); team jobs go one by one.
import { isPublicHoliday } from '../schedule/holidays.ts';
import { localDay } from '../schedule/calendar.ts';
import type { CoreContext } from '../context.ts';
import { STALE_SLOT_MS } from '../context.ts';
import { nextDailyAt } from '../schedule/daily.ts';
import { digestView } from '../boards/views.ts';
import type { DueOutcome } from './due-outcome.ts';
import { parseJobId } from './jobs.ts';
import { handleMemberJobs } from './member-due.ts';
import { forEachPooled } from './pool.ts';
import type { Claim } from '../ports/index.ts';
import { SENT_MARKER_TTL_MS, sendTeamPrompt } from '../prompts/issue.ts';
import { errorName } from './slot-sends.ts';
import { messengerFor } from '../context.ts';
import type { BoardStore, DueIndex, MemberStore, PromptStore, RecordStore, TeamStore } from '../ports/index.ts';

/** The store roles these use cases touch, their own and those of the use cases they call. */
type Ctx = CoreContext<MemberStore & DueIndex & PromptStore & TeamStore & BoardStore & RecordStore>;

const DIGEST_TIME = '09:00';

/** Handles a claimed batch: one outcome per job, in order; at most `concurrency` platform calls in flight. */
/** `signal` aborts when the instance is stopping: sends still waiting for the rate limiter are handed back. */
export async function handleDueBatch(ctx: Ctx, jobs: Claim[], concurrency: number, signal?: AbortSignal): Promise<DueOutcome[]> {
  const outcomes: DueOutcome[] = jobs.map(() => ({ nextDueAt: null }));
  const members: number[] = [];
  const teams: number[] = [];
  jobs.forEach((job, i) => (parseJobId(job.jobId).kind === 'member' ? members : teams).push(i));
  const memberOutcomes = await handleMemberJobs(ctx, members.map((i) => jobs[i] as Claim), concurrency, signal);
  members.forEach((i, j) => (outcomes[i] = memberOutcomes[j] as DueOutcome));
  await forEachPooled(teams, concurrency, async (i) => {
    const job = jobs[i] as Claim;
    try {
      outcomes[i] = { nextDueAt: await handleTeamJob(ctx, job.jobId, job.dueAt) };
    } catch (failed) {
      outcomes[i] = { failed };
    }
  });
  return outcomes;
}

function handleTeamJob(ctx: Ctx, id: string, dueAt: number): Promise<number | null> {
  const job = parseJobId(id);
  if (job.kind === 'team') return handleTeamDue(ctx, job.teamId, id, dueAt);
  if (job.kind === 'digest') return handleDigestDue(ctx, job.teamId, id, dueAt);
  throw new Error(`not a team job: ${id}`);
}

async function handleTeamDue(ctx: Ctx, teamId: string, id: string, dueAt: number): Promise<number | null> {
  const team = await ctx.store.getTeam(teamId);
  if (!team || team.challengeTime === null) return null;
  const now = ctx.clock.now();
  // No team challenge on a public holiday of the team's calendar.
  const holiday = team.holidays !== undefined && isPublicHoliday(team.holidays, localDay(dueAt, team.timezone));
  if (holiday) ctx.metrics.promptSkipped(team.platform, 'holiday');
  else if (now - dueAt <= STALE_SLOT_MS && (await ctx.store.markSent(id, dueAt, SENT_MARKER_TTL_MS))) {
    try {
      await sendTeamPrompt(ctx, teamId, dueAt);
    } catch (err) {
      ctx.metrics.deliveryFailed(team.platform);
      ctx.logger.warn({ teamId, err: errorName(err) }, 'team prompt delivery failed');
    }
  }
  return nextDailyAt(team.timezone, team.workdays, team.challengeTime, Math.max(now, dueAt));
}

async function handleDigestDue(ctx: Ctx, teamId: string, id: string, dueAt: number): Promise<number | null> {
  const team = await ctx.store.getTeam(teamId);
  if (!team) return null;
  const now = ctx.clock.now();
  const messenger = messengerFor(ctx, team.platform);
  if (messenger && now - dueAt <= STALE_SLOT_MS && (await ctx.store.markSent(id, dueAt, SENT_MARKER_TTL_MS))) {
    try {
      // The digest looks back at the week that just ended.
      await messenger.sendDigest(team, await digestView(ctx, team, dueAt - 24 * 3600_000));
    } catch (err) {
      ctx.logger.warn({ teamId, err: errorName(err) }, 'weekly digest delivery failed');
    }
  }
  return nextDailyAt(team.timezone, [1], DIGEST_TIME, Math.max(now, dueAt));
}

export function firstDigestAt(timezone: string, now: number): number | null {
  return nextDailyAt(timezone, [1], DIGEST_TIME, now);
}
