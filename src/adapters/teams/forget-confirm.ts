// The forget_confirm action (Execute or its Submit fallback): deletes the clicker, only when it carries their own id.
import { z } from 'zod';
import { FORGOTTEN_TEXT } from '../../core/index.ts';
import { FORGET_CONFIRM_VERB } from './cards/forget-cards.ts';
import type { TurnDeps } from './turn-deps.ts';

export const forgetConfirmSchema = z.object({ verb: z.literal(FORGET_CONFIRM_VERB), memberId: z.string().min(1).max(300) });

const NOT_YOURS = 'This button deletes someone else\'s data: you can only delete your own. Say "forget-me" to see what that would be.';

export type ForgetOutcome = { kind: 'forgotten'; message: string } | { kind: 'not-yours'; message: string };

export async function confirmForget(deps: TurnDeps, clickerId: string, data: z.infer<typeof forgetConfirmSchema>): Promise<ForgetOutcome> {
  if (data.memberId !== clickerId) {
    deps.logger.warn({ memberId: clickerId }, 'forget_confirm with another member\'s id refused');
    return { kind: 'not-yours', message: NOT_YOURS };
  }
  await deps.service.forget(clickerId);
  return { kind: 'forgotten', message: FORGOTTEN_TEXT };
}
