// Who sent a message or clicked, with what Teams tells about them: member id, tenant, zone, and the team of a channel.
import type { Activity } from 'botbuilder';
import type { TeamInput } from '../../core/index.ts';
import type { Clicker } from './break-clicks.ts';
import { displayNameOf, memberIdOf, teamOf, tenantIdOf, timezoneOf } from './identity.ts';

export interface Sender extends Clicker {
  tenantId: string;
  /** The channel's team, when the activity came from a channel or group chat. */
  team: TeamInput | undefined;
  /** The client's locale ("en-AU"), used only to suggest a holiday calendar. */
  locale: string | undefined;
}

export function senderOf(activity: Activity): Sender | null {
  const memberId = memberIdOf(activity);
  if (!memberId) return null;
  const timezone = timezoneOf(activity);
  return { memberId, displayName: displayNameOf(activity), timezone, tenantId: tenantIdOf(activity), team: teamOf(activity, timezone), locale: typeof activity.locale === 'string' ? activity.locale : undefined };
}
