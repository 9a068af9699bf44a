// Who and where an activity comes from: member id, tenant, the team of a channel, and the sender's time zone.
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { isValidTimezone, memberId, teamId, type TeamInput } from '../../core/index.ts';

/** The Bot Framework Emulator sends no tenant; its conversations live under this one. */
export const EMULATOR_TENANT = 'local';

const channelDataSchema = z.looseObject({
  tenant: z.looseObject({ id: z.string().min(1) }).optional().catch(undefined),
  team: z.looseObject({ id: z.string().min(1), name: z.string().optional() }).optional().catch(undefined),
  eventType: z.string().optional().catch(undefined),
});

type TeamsChannelData = z.infer<typeof channelDataSchema>;

export function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  const parsed = channelDataSchema.safeParse(activity.channelData ?? {});
  return parsed.success ? parsed.data : {};
}

export function tenantIdOf(activity: Partial<Activity>): string {
  return channelDataOf(activity).tenant?.id ?? activity.conversation?.tenantId ?? EMULATOR_TENANT;
}

/** The person's Entra object id; the Emulator has none, so its user id stands in. */
export function memberIdOf(activity: Partial<Activity>): string | null {
  const user = activity.from;
  const userId = user?.aadObjectId ?? user?.id;
  return userId ? memberId('teams', tenantIdOf(activity), userId) : null;
}

export function isPersonal(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

/** A channel message's conversation id ends in ";messageid=..." (the thread); posts go to the channel itself. */
export function baseConversationId(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

/** The team a channel (or group chat) belongs to, with the sender's zone for a team seen the first time. */
export function teamOf(activity: Partial<Activity>, timezone: string | undefined): TeamInput | undefined {
  if (isPersonal(activity) || !activity.conversation) return undefined;
  const team = channelDataOf(activity).team;
  const id = team?.id ?? baseConversationId(activity.conversation.id);
  return {
    teamId: teamId('teams', tenantIdOf(activity), id),
    name: team?.name ?? activity.conversation.name ?? 'this chat',
    timezone,
  };
}

const clientInfoSchema = z.looseObject({ type: z.literal('clientInfo'), timezone: z.string() });

/** Teams reports the sender's zone as `localTimezone`, or in a clientInfo entity on older clients. */
export function timezoneOf(activity: Partial<Activity>): string | undefined {
  const fromEntity = (activity.entities ?? []).map((entity) => clientInfoSchema.safeParse(entity)).find((r) => r.success)?.data?.timezone;
  const zone = activity.localTimezone ?? fromEntity;
  return zone && isValidTimezone(zone) ? zone : undefined;
}

export function displayNameOf(activity: Partial<Activity>): string {
  return activity.from?.name?.trim() || 'Teams user';
}
