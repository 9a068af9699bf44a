// Runs a member's due job the way the scheduler does, at the instant it is due, and stores its next due instant.
import type { SlackWorld } from './fake-slack.ts';
import { handleOne } from './handle-one.ts';

export async function runDue(world: SlackWorld, memberId: string): Promise<number | null> {
  const dueAt = await world.store.getDue(memberId);
  if (dueAt === null) throw new Error('nothing due');
  world.setTime(new Date(dueAt).toISOString());
  const next = await handleOne(world.bot.service, memberId, dueAt);
  if (next === null) await world.store.clearDue(memberId);
  else await world.store.setDue(memberId, next);
  return next;
}
