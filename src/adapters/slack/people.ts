// Meeting a Slack person: their name and time zone from users.info the first time, and their place in the workspace roster.
import type { Member } from '../../core/index.ts';
import { z } from 'zod';
import type { SlackDeps, Workspace } from './deps.ts';
import { slackMemberId, workspaceRosterId } from './ids.ts';
import { describeSlackError } from './slack-errors.ts';

const userInfo = z.object({
  user: z.object({
    tz: z.string().optional(),
    locale: z.string().optional(),
    real_name: z.string().optional(),
    name: z.string().optional(),
    profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
  }),
});

export interface SlackProfile {
  displayName: string;
  timezone: string | undefined;
  locale?: string | undefined;
}

const adminInfo = z.object({ user: z.object({ is_admin: z.boolean().optional(), is_owner: z.boolean().optional(), is_primary_owner: z.boolean().optional() }) });

/**
 * Whether Slack says the person is a workspace admin or owner, asked fresh each time (roles change). A failed look-up
 * answers false: the person may still change a team they set up themselves.
 */
export async function isWorkspaceAdmin(deps: SlackDeps, workspace: Workspace, userId: string): Promise<boolean> {
  try {
    const parsed = adminInfo.safeParse(await deps.api.call(workspace.id, 'users.info', { user: userId }, workspace.token));
    return parsed.success && Boolean(parsed.data.user.is_admin || parsed.data.user.is_owner || parsed.data.user.is_primary_owner);
  } catch (err) {
    deps.logger.warn({ memberId: slackMemberId(workspace.id, userId), err: describeSlackError(err) }, 'users.info failed; not treated as an admin');
    return false;
  }
}

const localeInfo = z.object({ user: z.object({ locale: z.string().optional() }) });

/** The person's Slack locale ("en-AU"), only to suggest a holiday calendar at start; a failed look-up suggests from the zone. */
export async function fetchLocale(deps: SlackDeps, workspace: Workspace, userId: string): Promise<string | undefined> {
  try {
    const parsed = localeInfo.safeParse(await deps.api.call(workspace.id, 'users.info', { user: userId, include_locale: true }, workspace.token));
    return parsed.success ? parsed.data.user.locale : undefined;
  } catch (err) {
    deps.logger.warn({ memberId: slackMemberId(workspace.id, userId), err: describeSlackError(err) }, 'users.info (locale) failed');
    return undefined;
  }
}

export async function fetchProfile(deps: SlackDeps, workspace: Workspace, userId: string, fallbackName: string): Promise<SlackProfile> {
  try {
    // The locale comes in the same answer; it only serves to suggest a holiday calendar.
    const parsed = userInfo.safeParse(await deps.api.call(workspace.id, 'users.info', { user: userId, include_locale: true }, workspace.token));
    if (!parsed.success) return { displayName: fallbackName, timezone: undefined };
    const u = parsed.data.user;
    const displayName = u.profile?.display_name || u.real_name || u.profile?.real_name || u.name || fallbackName;
    return { displayName, timezone: u.tz, locale: u.locale };
  } catch (err) {
    // Without users.info the person still gets going, on DEFAULT_TIMEZONE until they set a time zone (and are told so).
    deps.logger.warn({ memberId: slackMemberId(workspace.id, userId), err: describeSlackError(err) }, 'users.info failed');
    return { displayName: fallbackName, timezone: undefined };
  }
}

/**
 * The member for a Slack person, created on first contact with Slack's time zone (kept in the member from then on;
 * the person can change it). Not opted in: that still takes "start".
 */
export async function ensureMember(deps: SlackDeps, workspace: Workspace, userId: string, fallbackName = ''): Promise<Member> {
  const id = slackMemberId(workspace.id, userId);
  const existing = await deps.store.getMember(id);
  if (existing) return existing;
  const profile = await fetchProfile(deps, workspace, userId, fallbackName || userId);
  // Rostered first: if we stop between the two writes, an uninstall still finds them.
  await deps.store.addTeamMember(workspaceRosterId(workspace.id), id);
  return deps.service.enrol({ memberId: id, displayName: profile.displayName, timezone: profile.timezone, address: { workspace: workspace.id, user: userId } });
}

/** ensureMember with the person's locale, for "start" to suggest a holiday calendar: one users.info call either way. */
export async function ensureMemberWithLocale(deps: SlackDeps, workspace: Workspace, userId: string, fallbackName = ''): Promise<{ member: Member; locale: string | undefined }> {
  const id = slackMemberId(workspace.id, userId);
  const existing = await deps.store.getMember(id);
  if (existing) return { member: existing, locale: await fetchLocale(deps, workspace, userId) };
  const profile = await fetchProfile(deps, workspace, userId, fallbackName || userId);
  await deps.store.addTeamMember(workspaceRosterId(workspace.id), id);
  const member = await deps.service.enrol({ memberId: id, displayName: profile.displayName, timezone: profile.timezone, address: { workspace: workspace.id, user: userId } });
  return { member, locale: profile.locale };
}
