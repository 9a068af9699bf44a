// The schedule slots of a claimed batch that are due: each member's platform says whether they can be reached, then
// each sendable slot is recorded, sent and settled, with the store calls of slots in flight together grouped. A send
// waiting for the workspace's rate limiter is not on the wire: its marker is taken only once the limiter grants it,
// right before the platform call (WireGate), so a crash before that leaves the slot free for the next instance. A
// send that was on the wire when its instance died is in doubt and resolved by send-doubt.ts; a platform failure is
// counted, never resent; the "settled" marker tells a later look at the slot that its outcome is known.
import type { CoreContext } from '../context.ts';
import { messengerFor, PROMPT_TTL_MS } from '../context.ts';
import { Batcher } from './batcher.ts';
import { holdPrompt, planSlot, skipUnreachableSlot, type SlotPlan } from '../prompts/hold.ts';
import { reachabilityOf } from '../prompts/reachability.ts';
import { SendWithheldError, ValidationError } from '../errors.ts';
import type { Member } from '../model.ts';
import { forEachPooled } from './pool.ts';
import type { Delivery, PromptSendInput, PromptSettleInput, WireGate } from '../ports/index.ts';
import { issuePrompt, sendIssuedPrompt, SENT_MARKER_TTL_MS, type IssuedPrompt } from '../prompts/issue.ts';
import type { BoardStore, MemberStore, PromptStore, TeamStore } from '../ports/index.ts';
import { resolveDoubt } from './send-doubt.ts';
import { deliveryFailed, errorName, settledId, type SlotResult } from './slot-outcome.ts';

export { deliveryFailed, errorName, type SlotResult } from './slot-outcome.ts';

/** The store roles these use cases touch, their own and those of the use cases they call. */
type Ctx = CoreContext<MemberStore & PromptStore & TeamStore & BoardStore>;

export interface DueSlot {
  member: Member;
  slotAt: number;
  /** The member's due instant for the slot (slot + spread offset): queue lag counts from it. */
  dueAt: number;
}

/** `signal` aborts when the instance is stopping: sends still waiting for the rate limiter are handed back. */
export async function handleSlots(ctx: Ctx, slots: DueSlot[], concurrency: number, signal?: AbortSignal): Promise<SlotResult[]> {
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
    // One member's bad record fails that member's job alone, never the rest of the batch.
    results[j] = await orFailed(async () => {
      const plan = planSlot(member, slotAt, unreachableOf.get(slot) ?? null);
      if (plan.kind !== 'send') return holdOrSkip(ctx, member, slotAt, plan);
      sendable.push(j);
      return { member };
    });
  });
  const sends = sendable.map((j) => slots[j] as DueSlot);
  await sendSlots(ctx, sends, concurrency, signal, (k, result) => (results[sendable[k] as number] = result));
  return results;
}

/**
 * Each slot is recorded once the limiter grants its send, just before the platform call, so a crash leaves at most
 * the sends on the wire in doubt, while every slot still waiting goes back to the due index for another instance.
 * The records and settles of slots in flight together are grouped into one store call each.
 */
async function sendSlots(ctx: Ctx, slots: DueSlot[], concurrency: number, signal: AbortSignal | undefined, done: (k: number, result: SlotResult) => void): Promise<void> {
  const records = new Batcher<PromptSendInput, boolean>((inputs) => ctx.store.recordPromptSends(inputs));
  const settles = new Batcher<PromptSettleInput, void>(async (inputs) => {
    await ctx.store.settlePromptSends(inputs);
    return inputs.map(() => undefined);
  });
  await forEachPooled(slots, concurrency, async ({ member, slotAt, dueAt }, k) => {
    let issued: IssuedPrompt;
    try {
      issued = issuePrompt(ctx, member, slotAt);
    } catch (failed) {
      done(k, { failed });
      return;
    }
    let onWire = false;
    let recordFailed = false;
    const gate: WireGate = {
      signal,
      beforeWire: async () => {
        try {
          // Taking the marker records the prompt; only a recorded prompt goes to the platform.
          onWire = await records.add({
            prompt: issued.prompt,
            promptTtlMs: PROMPT_TTL_MS,
            member,
            recentChallengeIds: issued.member.recentChallengeIds,
            markerTtlMs: SENT_MARKER_TTL_MS,
          });
        } catch (err) {
          recordFailed = true;
          throw err;
        }
        if (onWire) ctx.metrics.queueLag(member.platform, ctx.clock.now() - dueAt);
        return onWire;
      },
    };
    let delivery: Delivery;
    try {
      delivery = await sendIssuedPrompt(ctx, issued, gate);
    } catch (err) {
      done(k, await notSent(ctx, member, slotAt, signal, err, onWire, recordFailed));
      if (onWire) await settle(ctx, issued, {}, settles);
      return;
    }
    ctx.stageReached?.('answered');
    done(k, { member: issued.member });
    await settle(ctx, issued, delivery, settles);
  });
}

/** Why a send did not complete, and what its job comes to. */
async function notSent(ctx: Ctx, member: Member, slotAt: number, signal: AbortSignal | undefined, err: unknown, onWire: boolean, recordFailed: boolean): Promise<SlotResult> {
  if (err instanceof SendWithheldError) {
    if (err.reason === 'handed-back') return { handedBack: true };
    // Someone else's send holds the slot: an instance that died with it on the wire.
    return orFailed(() => resolveDoubt(ctx, member, slotAt, signal));
  }
  // The store could not record the send: nothing went out, so the job is tried again (same slot).
  if (recordFailed) return { failed: err };
  // The platform call failed (on the wire or before it, e.g. no conversation): counted, never resent.
  deliveryFailed(ctx, member, err);
  return { member };
}

async function settle(ctx: Ctx, issued: IssuedPrompt, delivery: Delivery, settles: Batcher<PromptSettleInput, void>): Promise<void> {
  const { member, prompt } = issued;
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
