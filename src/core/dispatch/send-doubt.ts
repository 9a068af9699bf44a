// A send in doubt: its slot's marker was taken (the send went on the wire) but never settled, because the instance
// that sent it died before the platform's answer was stored. Whoever handles the slot next asks the platform where it
// can tell (Slack looks for the prompt id in the DM) and sends the same prompt again only if it is missing; where the
// platform cannot tell, it sends again with the same prompt id, so a click on either copy counts once.
import type { CoreContext } from '../context.ts';
import { messengerFor } from '../context.ts';
import { challengeById } from '../content/pick.ts';
import { SendWithheldError } from '../errors.ts';
import type { Member } from '../model.ts';
import type { Delivery, Messenger } from '../ports/index.ts';
import { promptView, SENT_MARKER_TTL_MS } from '../prompts/issue.ts';
import type { PromptStore } from '../ports/index.ts';
import { deliveryFailed, errorName, settledId, type SlotResult } from './slot-outcome.ts';

type Ctx = CoreContext<PromptStore>;

/** A third marker per slot, so a send in doubt is counted once however many times it is looked at. */
function doubtId(memberId: string): string {
  return `doubt|${memberId}`;
}

/** The slot's marker is held by an earlier send: nothing to do when it settled, else the send in doubt is resolved. */
export async function resolveDoubt(ctx: Ctx, member: Member, slotAt: number, signal: AbortSignal | undefined): Promise<SlotResult> {
  if ((await ctx.store.sendMarkerOf(settledId(member.id), slotAt)) !== null) return { member };
  const promptId = await ctx.store.sendMarkerOf(member.id, slotAt);
  // "": the slot was held or skipped (no send); null: the marker expired meanwhile.
  if (!promptId) return { member };
  if (await ctx.store.markSent(doubtId(member.id), slotAt, SENT_MARKER_TTL_MS)) {
    ctx.metrics.deliveryUnknown(member.platform);
    ctx.logger.warn({ memberId: member.id, promptId }, 'send in doubt: its instance stopped while the send was on the wire');
  }
  const prompt = await ctx.store.getPrompt(promptId);
  const challenge = prompt ? challengeById(prompt.challengeId) : undefined;
  const messenger = messengerFor(ctx, member.platform);
  if (!prompt || !challenge || !messenger || prompt.expiresAt <= ctx.clock.now()) return { member };
  let delivery = await shownAlready(ctx, messenger, member, promptId);
  if (delivery === null) {
    try {
      const gate = messenger.gatesSends ? { beforeWire: async () => true, signal } : undefined;
      delivery = await messenger.sendPrompt(member, promptView(prompt, challenge, member.schedule.timezone), gate);
      ctx.metrics.promptSent(member.platform);
      ctx.metrics.deliveryResent(member.platform);
      ctx.logger.info({ memberId: member.id, promptId }, 'prompt in doubt sent again with the same prompt id');
    } catch (err) {
      if (err instanceof SendWithheldError) return { handedBack: true };
      deliveryFailed(ctx, member, err);
      delivery = {};
    }
  }
  await ctx.store.settlePromptSends([{ prompt: { ...prompt, delivery }, markerId: settledId(member.id), markerTtlMs: SENT_MARKER_TTL_MS }]);
  return { member };
}

/** The platform's receipt when it shows the prompt; null when it does not, or cannot tell (then it is sent again). */
async function shownAlready(ctx: Ctx, messenger: Messenger, member: Member, promptId: string): Promise<Delivery | null> {
  if (!messenger.findPrompt) return null;
  try {
    return await messenger.findPrompt(member, promptId);
  } catch (err) {
    ctx.logger.warn({ memberId: member.id, err: errorName(err) }, 'could not look for a prompt in doubt; sending it again');
    return null;
  }
}
