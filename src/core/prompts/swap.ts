// Swap: the member's open prompt shows another challenge they can do, in place (same prompt id, same slot).
// Not a skip: the prompt stays open and Done on it counts once, whatever it shows by then.
import type { CoreContext } from '../context.ts';
import { NothingToPickError, pickChallenge, rememberChallenge } from '../content/pick.ts';
import type { Member, Prompt } from '../model.ts';
import type { ClickResultView } from '../views.ts';
import type { MemberStore, PromptStore } from '../ports/index.ts';
import { promptView } from './issue.ts';
import { changeMember } from '../people/members.ts';
import { result } from './click-result.ts';
import { MAX_SWAPS } from '../context.ts';

type Ctx = CoreContext<MemberStore & PromptStore>;

export async function swap(ctx: Ctx, prompt: Prompt, member: Member, title: string | null, random: () => number = Math.random): Promise<ClickResultView> {
  if (prompt.kind === 'team') return result('already-closed', prompt.id, { challengeTitle: title, message: 'A team challenge is the same for everyone, so it cannot be swapped.' });
  if (prompt.status === 'done') return result('already-done', prompt.id, { challengeTitle: title });
  if (prompt.status !== 'open') return result('already-closed', prompt.id, { challengeTitle: title });
  if ((prompt.swaps ?? 0) >= MAX_SWAPS) return result('swap-limit', prompt.id, { challengeTitle: title });
  let next;
  try {
    next = pickChallenge({ hasBand: member.hasBand, avoidTags: member.avoidTags, excludeIds: [prompt.challengeId], recentIds: member.recentChallengeIds, random });
  } catch (err) {
    if (err instanceof NothingToPickError) return result('no-other', prompt.id, { challengeTitle: title });
    throw err;
  }
  const swapped: Prompt = { ...prompt, challengeId: next.id, swaps: (prompt.swaps ?? 0) + 1 };
  const stored = await ctx.store.swapPromptChallenge(swapped, prompt.challengeId, MAX_SWAPS);
  switch (stored) {
    case 'swapped':
      break;
    case 'limit':
      return result('swap-limit', prompt.id, { challengeTitle: title });
    case 'closed':
    case 'changed':
      // Another click got there first (a Done, or a swap from a second device): this one changes nothing.
      return result('already-closed', prompt.id, { challengeTitle: title, message: 'This break changed meanwhile: nothing was swapped.' });
    case 'not-found':
      return result('not-found', prompt.id);
  }
  // The new challenge joins the member's recent list, so it is not picked again soon (the old one already is there).
  // Field-level on the member as stored: a settings change made meanwhile is kept.
  await changeMember(ctx, member.id, (stored) => ({ ...stored, recentChallengeIds: rememberChallenge(stored.recentChallengeIds, next.id) }));
  ctx.logger.info({ memberId: member.id, promptId: prompt.id }, 'prompt swapped');
  const left = MAX_SWAPS - (swapped.swaps ?? 0);
  return result('swapped', prompt.id, {
    challengeTitle: next.title,
    message: `Swapped for ${next.title}.${left === 0 ? ' That was the last swap for this break.' : ''}`,
    swappedTo: promptView(swapped, next, member.schedule.timezone),
  });
}
