// What to do when a job in the due index comes due; returns the job's next due instant (null: drop it).
import type { CoreContext } from './context.ts';
import { STALE_SLOT_MS } from './context.ts';
import { nextDailyAt } from './daily.ts';
import { digestView } from './boards.ts';
import { parseJobId } from './jobs.ts';
import { nextDueAt } from './members.ts';
import { deliverPrompt, recordSlotPrompt, resendSnoozed, SENT_MARKER_TTL_MS, sendTeamPrompt } from './prompting.ts';
import { nextPromptAt } from './schedule.ts';
import { spreadOffsetMs } from './spread.ts';
import { holdPrompt, planSlot, reachableAt, skipUnreachableSlot } from './deferral.ts';
import { messengerFor } from './context.ts';
import type { Member } from './model.ts';
import { ValidationError } from './errors.ts';

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
  // Lateness counts from the member's due instant (slot + spread), so a large spread never makes a slot look stale.
  const fresh = slotAt <= now && now - dueAt <= STALE_SLOT_MS;
  if (!paused && fresh && isScheduleSlot(member, slotAt)) member = await handleSlot(ctx, member, slotAt);
  return nextDueAt(ctx, member, Math.max(now, dueAt));
}

/**
 * A schedule slot that is due: the member's platform says whether they can be reached, then the prompt is sent, held
 * or the slot skipped. The slot's send marker is taken before any platform send, so a crash loses the slot rather
 * than sending it twice; a platform failure after it is counted, never resent. Returns the member as stored now.
 */
async function handleSlot(ctx: CoreContext, member: Member, slotAt: number): Promise<Member> {
  if (!messengerFor(ctx, member.platform)) {
    // Nothing could be sent, so nothing is recorded: no marker, no prompt, no count.
    deliveryFailed(ctx, member, new ValidationError(`No ${member.platform} connection is configured.`));
    return member;
  }
  const plan = planSlot(member.schedule, slotAt, await reachableAt(ctx, member, slotAt));
  if (plan.kind === 'send') {
    // One store call takes the marker and records the prompt; only a recorded prompt goes to the platform.
    const issued = await recordSlotPrompt(ctx, member, slotAt);
    if (!issued) {
      await countIfUnsettled(ctx, member, slotAt);
      return member;
    }
    try {
      await deliverPrompt(ctx, issued);
    } catch (err) {
      deliveryFailed(ctx, member, err);
    }
    await ctx.store.markSent(settledId(member.id), slotAt, SENT_MARKER_TTL_MS);
    return issued.member;
  }
  if (!(await ctx.store.markSent(member.id, slotAt, SENT_MARKER_TTL_MS))) return member;
  try {
    return plan.kind === 'defer' ? await holdPrompt(ctx, member, slotAt, plan.until) : await skipUnreachableSlot(ctx, member, slotAt, plan.until);
  } catch (err) {
    deliveryFailed(ctx, member, err);
    return member;
  }
}

/** A second marker per slot, set once the send's outcome is known (sent, or failed and counted). */
function settledId(memberId: string): string {
  return `settled|${memberId}`;
}

/**
 * The slot's send marker was taken by someone who never settled it: an instance that died (or stalled past its lease)
 * between the marker and the platform's answer. Whoever finds it first counts it once; it is never resent.
 */
async function countIfUnsettled(ctx: CoreContext, member: Member, slotAt: number): Promise<void> {
  if (!(await ctx.store.markSent(settledId(member.id), slotAt, SENT_MARKER_TTL_MS))) return;
  ctx.metrics.deliveryUnknown(member.platform);
  ctx.logger.warn({ memberId: member.id }, 'send outcome unknown: its instance stopped mid-send; slot not resent');
}

function deliveryFailed(ctx: CoreContext, member: Member, err: unknown): void {
  ctx.metrics.deliveryFailed(member.platform);
  ctx.logger.warn({ memberId: member.id, err: errorName(err) }, 'prompt delivery failed; slot not resent');
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
