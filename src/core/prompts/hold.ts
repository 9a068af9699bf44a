// A scheduled prompt whose recipient cannot be reached at the slot (Do Not Disturb, a meeting, a call, a huddle, focus
// time) waits until they can, if that is still inside the slot's working window; otherwise the slot is skipped.
// Out of office and public holidays skip the slot and record the time as excused (docs/decisions.md, "Quiet times").
import type { CoreContext } from '../context.ts';
import { PROMPT_TTL_MS } from '../context.ts';
import { localDay, localWallTimeMs } from '../schedule/calendar.ts';
import { allowedChallenges, pickChallenge, rememberChallenge } from '../content/pick.ts';
import { newPrompt } from './issue.ts';
import type { InactiveSpan, Member, Prompt, Schedule, Unreachable, UnreachableReason } from '../model.ts';
import { syncBoardEntries } from '../boards/upkeep.ts';
import { reachabilityOf } from './reachability.ts';
import { settleSpans } from '../progress/member-history.ts';
import { changeMember } from '../people/members.ts';
import type { BoardStore, MemberStore, PromptStore, TeamStore } from '../ports/index.ts';

/** The store roles these use cases touch, their own and those of the use cases they call. */
type Ctx = CoreContext<MemberStore & PromptStore & TeamStore & BoardStore>;

export type SlotPlan =
  | { kind: 'send' }
  | { kind: 'hold'; until: number; reason: UnreachableReason }
  | { kind: 'skip'; until: number; reason: UnreachableReason };

/** Reasons that are about being busy for a while (a meeting): the member may choose to get prompts anyway. */
const MEETING_REASONS: ReadonlySet<UnreachableReason> = new Set(['meeting', 'huddle', 'focus']);
/** Reasons that mean "away for the day": no prompt at all, whatever the expiry says. */
const AWAY_REASONS: ReadonlySet<UnreachableReason> = new Set(['out_of_office', 'holiday', 'paused']);

function minutesOf(hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}

/** When the working window of the slot's local day closes. */
export function windowEndOf(schedule: Schedule, slotAt: number): number {
  return localWallTimeMs(localDay(slotAt, schedule.timezone), minutesOf(schedule.end), schedule.timezone);
}

/** When the working window of the slot's local day opens. */
export function windowStartOf(schedule: Schedule, slotAt: number): number {
  return localWallTimeMs(localDay(slotAt, schedule.timezone), minutesOf(schedule.start), schedule.timezone);
}

/** How long a busy state with no known end (a huddle, a status without expiry) holds a prompt. */
export const HOLD_WITHOUT_END_MS = 30 * 60_000;

/**
 * Pure: send now; hold until the member is free if that is before the window closes; or skip. Away reasons always skip
 * (until the window's end when the platform gives no end). A busy state with no known end holds for
 * HOLD_WITHOUT_END_MS. `meetings: ignore` sends through meetings, huddles and focus.
 */
export function planSlot(member: Pick<Member, 'schedule' | 'meetings'>, slotAt: number, unreachable: Unreachable | null): SlotPlan {
  if (unreachable === null) return { kind: 'send' };
  const { reason, until } = unreachable;
  if (member.meetings === 'ignore' && MEETING_REASONS.has(reason)) return { kind: 'send' };
  if (until !== null && until <= slotAt) return { kind: 'send' };
  const windowEnd = windowEndOf(member.schedule, slotAt);
  if (AWAY_REASONS.has(reason)) return { kind: 'skip', until: Math.max(until ?? windowEnd, slotAt), reason };
  if (until === null) return slotAt + HOLD_WITHOUT_END_MS < windowEnd ? { kind: 'hold', until: slotAt + HOLD_WITHOUT_END_MS, reason } : { kind: 'skip', until: windowEnd, reason };
  return until < windowEnd ? { kind: 'hold', until, reason } : { kind: 'skip', until, reason };
}

/**
 * Issues the slot's prompt now but holds it as a snooze until `until`, so the existing snooze path delivers it.
 * If a snoozed or held prompt is already waiting, that one comes at its time and this slot folds into it.
 */
export async function holdPrompt(ctx: Ctx, member: Member, slotAt: number, until: number, reason: UnreachableReason): Promise<Member> {
  if (member.snoozedPromptId !== null && member.snoozeUntil !== null) return member;
  if (allowedChallenges({ hasBand: member.hasBand, avoidTags: member.avoidTags }).length === 0) return member;
  const challenge = pickChallenge({ hasBand: member.hasBand, avoidTags: member.avoidTags, recentIds: member.recentChallengeIds });
  const prompt: Prompt = { ...newPrompt(ctx, member, 'personal', challenge, slotAt, member.schedule.timezone), status: 'snoozed' };
  await ctx.store.putPrompt(prompt, PROMPT_TTL_MS);
  // Only the fields the hold changes, on the member as stored; a snooze clicked meanwhile is kept (the slot folds in).
  const held = await changeMember(ctx, member.id, (stored) =>
    stored.snoozedPromptId !== null && stored.snoozeUntil !== null
      ? stored
      : { ...stored, recentChallengeIds: rememberChallenge(stored.recentChallengeIds, challenge.id), snoozedPromptId: prompt.id, snoozeUntil: until, heldFor: reason },
  );
  // Counted when issued, like any slot's prompt: participation should not drop because someone was in a meeting.
  await ctx.store.recordPromptSent(member.id, member.teamIds, member.platform, member.tenantId);
  ctx.logger.info({ memberId: member.id, promptId: prompt.id }, 'prompt held until the member is reachable');
  return held;
}

/** Adds [from, to) with its reason, merging with the newest span when they touch and share the reason. */
export function addReasonedSpan(spans: InactiveSpan[], span: InactiveSpan & { to: number }): InactiveSpan[] {
  const last = spans[spans.length - 1];
  // Back-to-back skipped slots extend one span instead of filling the list with fragments.
  if (last !== undefined && last.reason === span.reason && last.to !== null && last.to >= span.from && last.from <= span.from) {
    return [...spans.slice(0, -1), { ...last, to: Math.max(last.to, span.to) }];
  }
  return [...spans, span];
}

/**
 * The slot is dropped and the time the member could not be reached is kept as an inactive span with its reason, for
 * the streak rules to judge (progress/excused-days.ts: a day is excused only when most of its window is covered). The
 * span stops at the window's end: the evening and night after it excuse nothing. Away for the day (out of office, a
 * holiday) counts from the window's opening when this is the day's first slot (the person was away before it came).
 */
export async function skipUnreachableSlot(ctx: Ctx, member: Member, slotAt: number, plan: { until: number; reason: UnreachableReason }): Promise<Member> {
  const windowStart = windowStartOf(member.schedule, slotAt);
  const firstSlot = slotAt - windowStart <= member.schedule.intervalMinutes * 60_000;
  const from = AWAY_REASONS.has(plan.reason) && firstSlot ? Math.min(slotAt, windowStart) : slotAt;
  const to = Math.max(slotAt, Math.min(plan.until, windowEndOf(member.schedule, slotAt)));
  const now = ctx.clock.now();
  // Spans of days before today settle into excused days (progress/member-history.ts). Only the spans change, on the
  // member as stored: a settings change made meanwhile is kept.
  const skipped = await changeMember(ctx, member.id, (stored) => {
    const spans = addReasonedSpan(stored.inactiveSpans, { from, to, reason: plan.reason });
    return { ...stored, ...settleSpans({ ...stored, inactiveSpans: spans }, now) };
  });
  // The new inactive span keeps the streak alive longer; the team boards must know it too.
  await syncBoardEntries(ctx, skipped);
  ctx.logger.info({ memberId: member.id, reason: plan.reason }, 'slot skipped: member not reachable in this window');
  return skipped;
}

export type HeldOutcome = { kind: 'send'; member: Member } | { kind: 'waiting'; member: Member };

/**
 * A held prompt's wait has ended: the member is looked up again ("the status expired, or did it?"). Still busy inside
 * the window: it waits again. Busy past the window's end, or away: the slot is skipped. Free: it is to be sent now.
 */
export async function recheckHeld(ctx: Ctx, member: Member & { heldFor: UnreachableReason }, promptId: string, now: number): Promise<HeldOutcome> {
  const [unreachable = null] = await reachabilityOf(ctx, [{ member, slotAt: now }]);
  const plan = planSlot(member, now, unreachable);
  const { heldFor: _reason, ...free } = member;
  if (plan.kind === 'send') return { kind: 'send', member: { ...free, snoozedPromptId: null, snoozeUntil: null } };
  if (plan.kind === 'hold') {
    // Field-level on the member as stored, and only while this prompt is still the one held.
    const waiting = await changeMember(ctx, member.id, (stored) => (stored.snoozedPromptId === promptId ? { ...stored, snoozeUntil: plan.until, heldFor: plan.reason } : stored));
    ctx.logger.info({ memberId: member.id, reason: plan.reason }, 'held prompt waits again: the member is still busy');
    return { kind: 'waiting', member: waiting };
  }
  await ctx.store.setPromptStatus(promptId, 'skipped');
  ctx.metrics.promptSkipped(member.platform, plan.reason);
  // The held prompt is let go first (field-level, only while it is still the one held), then the slot is skipped.
  const released = await changeMember(ctx, member.id, (stored) => {
    if (stored.snoozedPromptId !== promptId) return stored;
    const { heldFor: _held, ...rest } = stored;
    return { ...rest, snoozedPromptId: null, snoozeUntil: null };
  });
  return { kind: 'waiting', member: await skipUnreachableSlot(ctx, released, now, plan) };
}
