// Slack people and channels as the core's ids: `slack:<teamId>:<userId>` and `slack:<teamId>:<channelId>`.
import { memberId, teamId, tenantOf } from '../../core/index.ts';

export function slackMemberId(workspaceId: string, userId: string): string {
  return memberId('slack', workspaceId, userId);
}

export function slackTeamId(workspaceId: string, channelId: string): string {
  return teamId('slack', workspaceId, channelId);
}

/** The Slack workspace and the user or channel id inside a core id, or null for another platform's id. */
export function slackParts(id: string): { workspaceId: string; localId: string } | null {
  const tenant = tenantOf(id);
  if (!tenant || tenant.platform !== 'slack') return null;
  return { workspaceId: tenant.tenantId, localId: id.slice(`slack:${tenant.tenantId}:`.length) };
}

/**
 * Everyone the bot has met in one workspace, kept as a roster under a reserved id no channel can have ("~" is never
 * in a Slack id) and no Team record carries, so it never shows on a board. Uninstalling forgets each of them.
 */
export function workspaceRosterId(workspaceId: string): string {
  return teamId('slack', workspaceId, '~members');
}

/** DMs (D…) have no team; public (C…) and private (G…) channels do. */
export function isTeamChannel(channelId: string): boolean {
  return /^[CG][A-Z0-9]+$/.test(channelId);
}
