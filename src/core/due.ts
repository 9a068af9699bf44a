// What to do when a job in the due index comes due; returns the job's next due instant (null: drop it).
import type { CoreContext } from './context.ts';
import { STALE_SLOT_MS } from './context.ts';
import { nextDailyAt } from './daily.ts';
import { digestView } from './boards.ts';
import { parseJobId } from './jobs.ts';
import { nextDueAt } from './members.ts';
import { resendSnoozed, sendPersonalPrompt, sendTeamPrompt } from './prompting.ts';
import { nextPromptAt } from './schedule.ts';
import { spreadOffsetMs } from './spread.ts';
import { holdPrompt, planSlot, reachableAt, skipUnreachableSlot } from './deferral.ts';
import { messengerFor } from './context.ts';
import type { Member } from './model.ts';

/** Send marker lifetime: long enough that no slot can be sent twice by a late or restarted instance. */
const SENT_MARKER_TTL_MS = 2 * 24 * 3600_000;
const DIGEST_TIME = '09:00';

export async function handleDue(ctx: CoreContext, id: string, dueAt: number): Promise<number | null> {
  const job = parseJobId(id);
  switch (job.kind) {
    case 'member':
      return handleMemberDue(ctx, job.memberId, dueAt);
    case 'team':
      return handleTeamDue(ctx, job.teamId, id, dueAt);
    case 'digest':
      return handleDigestDue(ctx, job.teamId, id, dueAt);
  }
}

/** True when `slotAt` is one of the schedule's slots (a snooze or a pause end is not). */
function isScheduleSlot(member: Member, slotAt: number): boolean {
  return nextPromptAt(member.schedule, new Date(slotAt - 1))?.getTime() === slotAt;
}

async function handleMemberDue(ctx: CoreContext, memberId: string, dueAt: number): Promise<number | null> {
  let member = await ctx.store.getMember(memberId);
  if (!member) return null;
  const now = ctx.clock.now();

  if (member.snoozedPromptId !== null && member.snoozeUntil !== null && member.snoozeUntil <= now) {
    const promptId = member.snoozedPromptId;
    member = { ...member, snoozedPromptId: null, snoozeUntil: null };
    await ctx.store.putMember(member);
    await resendSnoozed(ctx, member, promptId);
  }
  // Someone who only asked for one "now" may still have a snooze waiting, but gets no schedule.
  if (!member.active) return member.snoozeUntil;
  if (member.pausedUntil !== null && member.pausedUntil <= now) {
    member = { ...member, pausedUntil: null };
    await ctx.store.putMember(member);
  }

  const paused = member.pausedUntil !== null;
  const slotAt = dueAt - spreadOffsetMs(member.id, ctx.spreadSeconds);
  const fresh = slotAt <= now && now - slotAt <= STALE_SLOT_MS;
  if (!paused && fresh && isScheduleSlot(member, slotAt)) {
    // The marker is taken before the platform call: a crash after it means the slot is lost, never sent twice.
    if (await ctx.store.markSent(member.id, slotAt, SENT_MARKER_TTL_MS)) {
      try {
        const plan = planSlot(member.schedule, slotAt, await reachableAt(ctx, member, slotAt));
        if (plan.kind === 'send') await sendPersonalPrompt(ctx, member, slotAt);
        else if (plan.kind === 'defer') member = await holdPrompt(ctx, member, slotAt, plan.until);
        else member = await skipUnreachableSlot(ctx, member, slotAt, plan.until);
      } catch (err) {
        ctx.metrics.deliveryFailed(member.platform);
        ctx.logger.warn({ memberId, err: errorName(err) }, 'prompt delivery failed; slot not resent');
      }
    }
  }
  return nextDueAt(ctx, member, Math.max(now, dueAt));
}

function errorName(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error';
}

async function handleTeamDue(ctx: CoreContext, teamId: string, id: string, dueAt: number): Promise<number | null> {
  const team = await ctx.store.getTeam(teamId);
  if (!team || team.challengeTime === null) return null;
  const now = ctx.clock.now();
  if (now - dueAt <= STALE_SLOT_MS && (await ctx.store.markSent(id, dueAt, SENT_MARKER_TTL_MS))) {
    try {
      await sendTeamPrompt(ctx, teamId, dueAt);
    } catch (err) {
      ctx.metrics.deliveryFailed(team.platform);
      ctx.logger.warn({ teamId, err: errorName(err) }, 'team prompt delivery failed');
    }
  }
  return nextDailyAt(team.timezone, team.workdays, team.challengeTime, Math.max(now, dueAt));
}

async function handleDigestDue(ctx: CoreContext, teamId: string, id: string, dueAt: number): Promise<number | null> {
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
