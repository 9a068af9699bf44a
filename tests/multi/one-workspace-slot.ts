// Shared by the one-workspace slot tests: a schedule slot a little ahead of now (so lateness counts from the slot
// itself), members of one Slack workspace due at it, and what the fake Slack ended up showing each of them.
import { DateTime } from 'luxon';
import { nextPromptAt, type Schedule, type Store } from '../../src/core/index.ts';
import { DM_CHANNEL_KIND } from '../../src/adapters/slack/dm-channels.ts';
import type { FakeSlack } from '../helpers/fake-slack.ts';
import { activeMember, type SlackPopulation } from './fleet.ts';

export interface UpcomingSlot {
  schedule: Schedule;
  slotAt: number;
}

/** The first slot (start + interval) of a daily schedule, at the next whole minute at least `leadMs` away (local ~noon). */
export function upcomingSlot(leadMs: number, now: number = Date.now()): UpcomingSlot {
  const shift = 12 - new Date(now).getUTCHours();
  const timezone = shift === 0 ? 'UTC' : shift > 0 ? `Etc/GMT-${shift}` : `Etc/GMT+${-shift}`;
  const slotTime = DateTime.fromMillis(now + leadMs, { zone: timezone }).startOf('minute').plus({ minutes: 1 });
  const start = slotTime.minus({ minutes: 60 }).toFormat('HH:mm');
  const schedule: Schedule = { timezone, workdays: [1, 2, 3, 4, 5, 6, 7], start, end: '23:59', intervalMinutes: 60 };
  const slot = nextPromptAt(schedule, new Date(now));
  if (!slot || slot.getTime() !== slotTime.toMillis()) throw new Error(`no upcoming slot for ${JSON.stringify(schedule)}`);
  return { schedule, slotAt: slot.getTime() };
}

/** Stores the members, due at the slot itself (PROMPT_SPREAD_SECONDS=0); `keptDms` also keeps their DM channels. */
export async function seedAtSlot(store: Store, population: SlackPopulation, slot: UpcomingSlot, keptDms: boolean): Promise<void> {
  const now = Date.now();
  await Promise.all(
    population.memberIds.map(async (id) => {
      await store.putMember(activeMember(id, slot.schedule, now));
      if (keptDms) await store.putRecord(DM_CHANNEL_KIND, id, `D${id.split(':')[2]}`);
      await store.setDue(id, slot.slotAt);
    }),
  );
}

/** Messages Slack has per member (by DM channel D<user>), with their prompt ids and arrival. */
export function shownPerMember(slack: FakeSlack, population: SlackPopulation): Map<string, Array<{ promptId: string; at: number }>> {
  const shown = new Map<string, Array<{ promptId: string; at: number }>>(population.memberIds.map((id) => [id, []]));
  slack.messages.forEach((message) => {
    const member = population.memberOfUser.get(message.channel.replace(/^D/, ''));
    const promptId = (message.metadata as { event_payload?: { prompt_id?: string } } | null)?.event_payload?.prompt_id ?? '';
    if (member) shown.get(member)?.push({ promptId, at: message.at });
  });
  return shown;
}
