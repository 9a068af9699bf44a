// Due member jobs, a claimed batch at a time: one store call reads every member, each member's ended snooze and pause
// are brought up to date, and the schedule slots that are due go on to slot-sends.ts together.
import type { CoreContext } from '../context.ts';
import { STALE_SLOT_MS } from '../context.ts';
import type { DueOutcome } from './due-outcome.ts';
import { memberOffsetMs, nextDueAt } from '../people/members.ts';
import type { Member } from '../model.ts';
import { forEachPooled } from './pool.ts';
import type { Claim } from '../ports/index.ts';
import { resendSnoozed } from '../prompts/issue.ts';
import { recheckHeld } from '../prompts/hold.ts';
import { nextPromptAt } from '../schedule/slots.ts';
import { handleSlots, type DueSlot } from './slot-sends.ts';
import { slotOfDue } from '../schedule/load-plan.ts';
import { tenantLoadsOf } from '../people/tenant-load.ts';
import type { BoardStore, MemberStore, PromptStore, RecordStore, TeamStore } from '../ports/index.ts';
import { forgetRetrySlot, retrySlotDueAt } from './retry-slot.ts';

/** The store roles these use cases touch, their own and those of the use cases they call. */
type Ctx = CoreContext<MemberStore & PromptStore & TeamStore & BoardStore & RecordStore>;

/** Where a member's job stands after its snooze and pause are brought up to date. */
type MemberStep = { outcome: DueOutcome } | { member: Member; slotAt: number | null; passedSlot: number | null };

export async function handleMemberJobs(ctx: Ctx, jobs: Claim[], concurrency: number, signal?: AbortSignal): Promise<DueOutcome[]> {
  let members: Array<Member | null>;
  try {
    members = await ctx.store.getMembers(jobs.map((job) => job.jobId));
  } catch (failed) {
    return jobs.map(() => ({ failed }));
  }
  // One count per tenant in the batch: each tenant's window is planned from its size.
  const loads = await tenantLoadsOf(ctx, members).catch((err: unknown) => {
    ctx.logger.warn({ err: err instanceof Error ? err.name : 'unknown error' }, 'could not read tenant sizes; planning with PROMPT_SPREAD_SECONDS only');
    return members.map(() => null);
  });
  ctx.stageReached?.('members-read');
  const now = ctx.clock.now();
  const outcomes: DueOutcome[] = jobs.map(() => ({ nextDueAt: null }));
  // The slot each job passed (sent or not), never planned again by its next due instant.
  const passed: Array<number | undefined> = jobs.map(() => undefined);
  // The due instant of the slot each job stands for: its own, or a retried job's kept slot.
  const slotDues = jobs.map((job) => job.dueAt);
  const retried = new Set<number>();
  const slots: Array<DueSlot & { position: number }> = [];
  await forEachPooled(jobs, concurrency, async (job, i) => {
    const member = members[i];
    if (!member) return;
    const load = loads[i] ?? null;
    try {
      const offset = memberOffsetMs(ctx, member, load);
      const kept = isScheduleSlot(member, job.dueAt - offset) ? null : await retrySlotDueAt(ctx.store, job.jobId, job.dueAt);
      if (kept !== null) {
        slotDues[i] = kept;
        retried.add(i);
      }
      const step = await bringUpToDate(ctx, member, slotDues[i] as number, now, offset);
      if ('outcome' in step) outcomes[i] = step.outcome;
      else {
        passed[i] = step.passedSlot ?? undefined;
        if (step.slotAt !== null) slots.push({ member: step.member, slotAt: step.slotAt, dueAt: slotDues[i] as number, position: i });
        else outcomes[i] = { nextDueAt: nextDueAt(ctx, step.member, Math.max(now, job.dueAt), load, passed[i]) };
      }
    } catch (failed) {
      outcomes[i] = { failed, slotDueAt: slotDues[i] as number };
    }
  });
  const handled = await handleSlots(ctx, slots, concurrency, signal);
  slots.forEach(({ position }, j) => {
    const result = handled[j];
    const dueAt = (jobs[position] as Claim).dueAt;
    if (!result) return;
    try {
      if ('failed' in result) outcomes[position] = { ...result, slotDueAt: slotDues[position] as number };
      // Handed back unsent (the instance is stopping): due again at the slot's own instant, for another instance.
      else if ('handedBack' in result) outcomes[position] = { nextDueAt: slotDues[position] as number };
      else outcomes[position] = { nextDueAt: nextDueAt(ctx, result.member, Math.max(now, dueAt), loads[position] ?? null, passed[position]) };
    } catch (failed) {
      outcomes[position] = { failed, slotDueAt: slotDues[position] as number };
    }
  });
  // A retry that came to an outcome no longer needs its kept slot; one that failed again keeps it.
  await Promise.all(
    [...retried].filter((i) => !('failed' in (outcomes[i] as DueOutcome))).map((i) => forgetRetrySlot(ctx.store, (jobs[i] as Claim).jobId).catch(() => undefined)),
  );
  return outcomes;
}

/** Resends a snooze that has ended (unless paused), ends a pause that has, and finds whether one of the schedule's slots is due. */
async function bringUpToDate(ctx: Ctx, stored: Member, dueAt: number, now: number, offset: number): Promise<MemberStep> {
  let member = stored;
  const paused = member.pausedUntil !== null && member.pausedUntil > now;
  // A pause holds a snoozed prompt too (nextDueAt brings the job back when the pause ends).
  if (member.snoozedPromptId !== null && member.snoozeUntil !== null && member.snoozeUntil <= now && !paused) {
    const promptId = member.snoozedPromptId;
    const held = member.heldFor !== undefined && member.active ? await recheckHeld(ctx, { ...member, heldFor: member.heldFor }, promptId, now) : null;
    if (held?.kind === 'waiting') member = held.member;
    else {
      // Field-level on the member as stored: a settings change made since the batch was read is kept.
      let cleared = false;
      const current = await ctx.store.updateMember(member.id, (m) => {
        cleared = m?.snoozedPromptId === promptId;
        if (!m || !cleared) return null;
        const { heldFor: _held, ...rest } = m;
        return { ...rest, snoozedPromptId: null, snoozeUntil: null };
      });
      if (!current) return { outcome: { nextDueAt: null } };
      // A stop or another snooze changed it meanwhile: nothing of this snooze is due any more.
      if (cleared) await resendSnoozed(ctx, current, promptId);
      member = current;
    }
  }
  // Someone who only asked for one "now" may still have a snooze waiting, but gets no schedule.
  if (!member.active) return { outcome: { nextDueAt: member.snoozeUntil } };
  if (member.pausedUntil !== null && member.pausedUntil <= now) {
    const resumed = await ctx.store.updateMember(member.id, (m) => (m && m.pausedUntil !== null && m.pausedUntil <= now ? { ...m, pausedUntil: null } : null));
    if (!resumed) return { outcome: { nextDueAt: null } };
    ctx.teamFacts?.forget(resumed.teamIds);
    member = resumed;
    if (!member.active) return { outcome: { nextDueAt: member.snoozeUntil } };
  }
  const slotAt = slotOf(stored, dueAt, offset);
  // Lateness counts from the member's due instant (slot + spread), so a large spread never makes a slot look stale.
  const fresh = slotAt !== null && slotAt <= now && now - dueAt <= STALE_SLOT_MS;
  const due = member.pausedUntil === null && fresh;
  return { member, slotAt: due ? slotAt : null, passedSlot: slotAt };
}

/**
 * The slot a due instant stands for: slot + the member's offset in today's window, or, when the tenant's window
 * changed since it was planned, the one slot just before it (load-plan.ts slotOfDue). A snooze's end is no slot.
 */
function slotOf(stored: Member, dueAt: number, offset: number): number | null {
  if (isScheduleSlot(stored, dueAt - offset)) return dueAt - offset;
  if (stored.snoozeUntil === dueAt) return null;
  return slotOfDue(stored.schedule, dueAt);
}

/** True when `slotAt` is one of the schedule's slots (a snooze or a pause end is not). */
function isScheduleSlot(member: Member, slotAt: number): boolean {
  return nextPromptAt(member.schedule, new Date(slotAt - 1))?.getTime() === slotAt;
}
