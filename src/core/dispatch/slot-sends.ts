// The schedule slots of a claimed batch that are due: each member's platform says whether they can be reached, then
// each sendable slot is recorded, sent and settled, with the store calls of slots in flight together grouped. The send
// marker is taken before any platform call, so a crash loses a slot rather than sending it twice; a platform failure
// after it is counted, never resent; the "settled" marker tells a later look at the slot that its outcome is known.
import type { CoreContext } from '../context.ts';
import { messengerFor, PROMPT_TTL_MS } from '../context.ts';
import { Batcher } from './batcher.ts';
import { holdPrompt, planSlot, skipUnreachableSlot, type SlotPlan } from '../prompts/hold.ts';
import { reachabilityOf } from '../prompts/reachability.ts';
import { ValidationError } from '../errors.ts';
import type { Member } from '../model.ts';
import { forEachPooled } from './pool.ts';
import type { PromptSendInput, PromptSettleInput } from '../ports/index.ts';
import { allowedChallenges } from '../content/pick.ts';
import { issuePrompt, sendIssuedPrompt, SENT_MARKER_TTL_MS, type IssuedPrompt } from '../prompts/issue.ts';
import type { BoardStore, MemberStore, PromptStore, TeamStore } from '../ports/index.ts';

/** The store roles these use cases touch, their own and those of the use cases they call. */
type Ctx = CoreContext<MemberStore & PromptStore & TeamStore & BoardStore>;

export interface DueSlot {
  member: Member;
  slotAt: number;
}

/** The member as stored after its slot, or why the slot's job failed (it is then tried again later). */
export type SlotResult = { member: Member } | { failed: unknown };

export async function handleSlots(ctx: Ctx, slots: DueSlot[], concurrency: number): Promise<SlotResult[]> {
  const results: SlotResult[] = slots.map(({ member }) => ({ member }));
  const sendable: number[] = [];
  const reachable = slots.filter(({ member }) => messengerFor(ctx, member.platform));
  const unreachable = await reachabilityOf(ctx, reachable);
  const unreachableOf = new Map(reachable.map((slot, k) => [slot, unreachable[k] ?? null]));
  await forEachPooled(slots, concurrency, async (slot, j) => {
    const { member, slotAt } = slot;
    if (!messengerFor(ctx, member.platform)) {
      // Nothing could be sent, so nothing is recorded: no marker, no prompt, no count.
      deliveryFailed(ctx, member, new ValidationError(`No ${member.platform} connection is configured.`));
      return;
    }
    // Their avoid list leaves nothing: the slot passes without a prompt (they were told when they set it).
    if (allowedChallenges({ hasBand: member.hasBand, avoidTags: member.avoidTags }).length === 0) return;
    // One member's bad record fails that member's job alone, never the rest of the batch.
    results[j] = await orFailed(async () => {
      const plan = planSlot(member, slotAt, unreachableOf.get(slot) ?? null);
      if (plan.kind !== 'send') return holdOrSkip(ctx, member, slotAt, plan);
      sendable.push(j);
      return { member };
    });
  });
  await sendSlots(ctx, sendable.map((j) => slots[j] as DueSlot), concurrency, (k, result) => (results[sendable[k] as number] = result));
  return results;
}

/**
 * Each slot is recorded just before its own send, so a crash leaves at most `concurrency` slots taken but unsent (those
 * are counted as unknown, never resent) while the rest of the batch goes back to the due index for another instance.
 * The records and settles of slots in flight together are grouped into one store call each.
 */
async function sendSlots(ctx: Ctx, slots: DueSlot[], concurrency: number, done: (k: number, result: SlotResult) => void): Promise<void> {
  const records = new Batcher<PromptSendInput, boolean>((inputs) => ctx.store.recordPromptSends(inputs));
  const settles = new Batcher<PromptSettleInput, void>(async (inputs) => {
    await ctx.store.settlePromptSends(inputs);
    return inputs.map(() => undefined);
  });
  await forEachPooled(slots, concurrency, async ({ member, slotAt }, k) => {
    let issued: IssuedPrompt;
    let taken: boolean;
    try {
      issued = issuePrompt(ctx, member, slotAt);
      // Taking the marker records the prompt; only a recorded prompt goes to the platform.
      taken = await records.add({ prompt: issued.prompt, promptTtlMs: PROMPT_TTL_MS, member: issued.member, markerTtlMs: SENT_MARKER_TTL_MS });
    } catch (failed) {
      done(k, { failed });
      return;
    }
    if (!taken) {
      done(k, await orFailed(async () => (await countIfUnsettled(ctx, member, slotAt), { member })));
      return;
    }
    done(k, { member: issued.member });
    await sendAndSettle(ctx, issued, settles);
  });
}

async function sendAndSettle(ctx: Ctx, issued: IssuedPrompt, settles: Batcher<PromptSettleInput, void>): Promise<void> {
  const { member, prompt } = issued;
  const delivery = await sendIssuedPrompt(ctx, issued).catch((err: unknown) => (deliveryFailed(ctx, member, err), {}));
  try {
    await settles.add({ prompt: { ...prompt, delivery }, markerId: settledId(member.id), markerTtlMs: SENT_MARKER_TTL_MS });
  } catch (err) {
    // The prompt went out and is counted; only its message ids (for in-place updates) and the settled mark are lost.
    ctx.logger.warn({ memberId: member.id, err: errorName(err) }, "could not record a sent prompt's delivery");
  }
}

/** A slot whose member cannot be reached now: held until they can (inside the window), or skipped. */
async function holdOrSkip(ctx: Ctx, member: Member, slotAt: number, plan: Exclude<SlotPlan, { kind: 'send' }>): Promise<SlotResult> {
  return orFailed(async () => {
    if (!(await ctx.store.markSent(member.id, slotAt, SENT_MARKER_TTL_MS))) return { member };
    try {
      if (plan.kind === 'hold') {
        ctx.metrics.promptHeld(member.platform, plan.reason);
        return { member: await holdPrompt(ctx, member, slotAt, plan.until, plan.reason) };
      }
      ctx.metrics.promptSkipped(member.platform, plan.reason);
      return { member: await skipUnreachableSlot(ctx, member, slotAt, plan) };
    } catch (err) {
      deliveryFailed(ctx, member, err);
      return { member };
    }
  });
}

async function orFailed(work: () => Promise<SlotResult>): Promise<SlotResult> {
  try {
    return await work();
  } catch (failed) {
    return { failed };
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
async function countIfUnsettled(ctx: Ctx, member: Member, slotAt: number): Promise<void> {
  if (!(await ctx.store.markSent(settledId(member.id), slotAt, SENT_MARKER_TTL_MS))) return;
  ctx.metrics.deliveryUnknown(member.platform);
  ctx.logger.warn({ memberId: member.id }, 'send outcome unknown: its instance stopped mid-send; slot not resent');
}

export function deliveryFailed(ctx: Ctx, member: Member, err: unknown): void {
  ctx.metrics.deliveryFailed(member.platform);
  ctx.logger.warn({ memberId: member.id, err: errorName(err) }, 'prompt delivery failed; slot not resent');
}

export function errorName(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error';
}
