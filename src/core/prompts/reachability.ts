// Whether the members of a claimed batch's due slots can be reached now: a public holiday of the member's calendar is
// known here; for the rest each platform is asked once per batch. A platform that cannot tell, fails, or answers out
// of shape means "reachable": a look-up never blocks a prompt.
import type { CoreContext } from '../context.ts';
import { messengerFor } from '../context.ts';
import type { Member, Platform, Unreachable } from '../model.ts';
import { localDay } from '../schedule/calendar.ts';
import { isPublicHoliday } from '../schedule/holidays.ts';
import type { ReachabilityQuery } from '../ports/index.ts';

export async function reachabilityOf(ctx: Pick<CoreContext<unknown>, 'messengers' | 'logger'>, queries: ReachabilityQuery[]): Promise<Array<Unreachable | null>> {
  const answers: Array<Unreachable | null> = queries.map(() => null);
  const byPlatform = new Map<Platform, number[]>();
  queries.forEach(({ member, slotAt }, i) => {
    if (onHoliday(member, slotAt)) answers[i] = { reason: 'holiday', until: null };
    else byPlatform.set(member.platform, [...(byPlatform.get(member.platform) ?? []), i]);
  });
  await Promise.all(
    [...byPlatform].map(async ([platform, positions]) => {
      const messenger = messengerFor(ctx, platform);
      if (!messenger?.reachability) return;
      try {
        const found = await messenger.reachability(positions.map((i) => queries[i] as ReachabilityQuery));
        if (found.length !== positions.length) throw new Error(`${found.length} answers for ${positions.length} members`);
        positions.forEach((i, k) => (answers[i] = found[k] ?? null));
      } catch (err) {
        ctx.logger.warn({ platform, members: positions.length, err: err instanceof Error ? err.name : 'unknown' }, 'reachability check failed; sending now');
      }
    }),
  );
  return answers;
}

/** A public holiday of the member's chosen calendar, on the slot's local date in the member's zone. */
function onHoliday(member: Member, slotAt: number): boolean {
  return member.holidays !== null && isPublicHoliday(member.holidays, localDay(slotAt, member.schedule.timezone));
}
