// A scheduled prompt whose recipient cannot be reached at the slot (Slack Do Not Disturb, for one) waits until they can,
// if that is still inside the slot's working window; otherwise the slot is skipped without counting against them.
import type { CoreContext } from '../context.ts';
import { messengerFor, PROMPT_TTL_MS, MAX_INACTIVE_SPANS } from '../context.ts';
import { localDay, localWallTimeMs } from '../schedule/calendar.ts';
import { pickChallenge, rememberChallenge } from '../content/pick.ts';
import { newPrompt } from './issue.ts';
import type { InactiveSpan, Member, Prompt, Schedule } from '../model.ts';
import { syncBoardEntries } from '../boards/upkeep.ts';

export type SlotPlan = { kind: 'send' } | { kind: 'defer'; until: number } | { kind: 'skip'; until: number };

function minutesOf(hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}

/** The instant the working window of the slot's local day closes. */
function windowEndOf(schedule: Schedule, slotAt: number): number {
  return localWallTimeMs(localDay(slotAt, schedule.timezone), minutesOf(schedule.end), schedule.timezone);
}

/** Pure: send now, wait until `reachableAt` if that is before the window of the slot's local day closes, or skip. */
export function planSlot(schedule: Schedule, slotAt: number, reachableAt: number | null): SlotPlan {
  if (reachableAt === null || reachableAt <= slotAt) return { kind: 'send' };
  const windowEnd = windowEndOf(schedule, slotAt);
  return reachableAt < windowEnd ? { kind: 'defer', until: reachableAt } : { kind: 'skip', until: reachableAt };
}

/** Asks the member's platform when they can be reached; a platform that cannot tell (or fails to) means "now". */
export async function reachableAt(ctx: CoreContext, member: Member, slotAt: number): Promise<number | null> {
  const messenger = messengerFor(ctx, member.platform);
  if (!messenger?.reachableAt) return null;
  try {
    return await messenger.reachableAt(member, slotAt);
  } catch (err) {
    ctx.logger.warn({ memberId: member.id, err: err instanceof Error ? err.name : 'unknown' }, 'reachability check failed; sending now');
    return null;
  }
}

/**
 * Issues the slot's prompt now but holds it as a snooze until `until`, so the existing snooze path delivers it.
 * If a snoozed or held prompt is already waiting, that one comes at its time and this slot folds into it.
 */
export async function holdPrompt(ctx: CoreContext, member: Member, slotAt: number, until: number): Promise<Member> {
  if (member.snoozedPromptId !== null && member.snoozeUntil !== null) return member;
  const challenge = pickChallenge({ hasBand: member.hasBand, recentIds: member.recentChallengeIds });
  const prompt: Prompt = { ...newPrompt(ctx, member, 'personal', challenge, slotAt, member.schedule.timezone), status: 'snoozed' };
  await ctx.store.putPrompt(prompt, PROMPT_TTL_MS);
  const held: Member = {
    ...member,
    recentChallengeIds: rememberChallenge(member.recentChallengeIds, challenge.id),
    snoozedPromptId: prompt.id,
    snoozeUntil: until,
  };
  await ctx.store.putMember(held);
  // Counted when issued, like any slot's prompt: participation should not drop because someone was in a meeting.
  await ctx.store.recordPromptSent(member.id, member.teamIds, member.platform, member.tenantId);
  ctx.logger.info({ memberId: member.id, promptId: prompt.id }, 'prompt held until the member is reachable');
  return held;
}

/**
 * The member asked not to be disturbed past the window: the slot is dropped and the rest of that day's window counts
 * as unreachable time. The span stops at the window's end: the evening and night after it excuse nothing, and the day
 * is excused only if unreachable time covers most of its window (progress/excused-days.ts).
 */
export async function skipUnreachableSlot(ctx: CoreContext, member: Member, slotAt: number, until: number): Promise<Member> {
  const spans = member.inactiveSpans;
  const last = spans[spans.length - 1];
  const to = Math.max(slotAt, Math.min(until, windowEndOf(member.schedule, slotAt)));
  // Back-to-back skipped slots extend one span instead of filling the list with fragments.
  const merged: InactiveSpan[] =
    last !== undefined && last.to !== null && last.to >= slotAt && last.from <= slotAt
      ? [...spans.slice(0, -1), { from: last.from, to: Math.max(last.to, to) }]
      : [...spans, { from: slotAt, to }].slice(-MAX_INACTIVE_SPANS);
  const skipped: Member = { ...member, inactiveSpans: merged };
  await ctx.store.putMember(skipped);
  // The new inactive span keeps the streak alive longer; the team boards must know it too.
  await syncBoardEntries(ctx, skipped);
  ctx.logger.info({ memberId: member.id }, 'slot skipped: member not reachable before the window ends');
  return skipped;
}
