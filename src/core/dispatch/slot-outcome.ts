// What a due slot came to, and the bookkeeping shared by its sends and by a later look at a send in doubt.
import type { CoreContext } from '../context.ts';
import type { Member } from '../model.ts';

/**
 * The member as stored after its slot; why the slot's job failed (it is then tried again later, same slot); or that
 * the send never went on the wire because the instance is stopping (the job goes back at its due instant).
 */
export type SlotResult = { member: Member } | { failed: unknown } | { handedBack: true };

/** A second marker per slot, set once the send's outcome is known (sent, or failed and counted). */
export function settledId(memberId: string): string {
  return `settled|${memberId}`;
}

export function deliveryFailed(ctx: CoreContext<unknown>, member: Member, err: unknown): void {
  ctx.metrics.deliveryFailed(member.platform);
  ctx.logger.warn({ memberId: member.id, err: errorName(err) }, 'prompt delivery failed; slot not resent');
}

export function errorName(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error';
}
