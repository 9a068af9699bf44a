// /breaks <word>: every word goes through the core's runCommand; the answer comes back by response_url, or as a modal.
import { isCoreError, parseCommand, runCommand, TEAM_SETTINGS_WORDS, type CommandReply, type CommandWord, type TeamInput } from '../../core/index.ts';
import { renderLeaderboard, renderStats, renderText } from './blocks/boards.ts';
import type { SlackMessage } from './blocks/kit.ts';
import { renderSettingsModal } from './blocks/settings-modal.ts';
import { renderForgetConfirm } from './blocks/forget.ts';
import type { SlackDeps, Workspace } from './deps.ts';
import { refreshHome } from './home.ts';
import { isTeamChannel, slackMemberId, slackTeamId, workspaceRosterId } from './ids.ts';
import type { CommandPayload } from './payloads.ts';
import { respond } from './replies.ts';
import { describeSlackError } from './slack-errors.ts';
import { ensureMember, ensureMemberWithLocale, isWorkspaceAdmin } from './people.ts';

/** Words after which the App Home shows something different. */
const HOME_WORDS: ReadonlySet<CommandWord> = new Set(['start', 'stop', 'pause', 'resume', 'hours', 'every', 'days', 'timezone', 'band', 'meetings', 'holidays', 'join', 'leave', 'forget-me']);
/** Words that act on the channel's team. */
const TEAM_WORDS: ReadonlySet<CommandWord> = new Set(['join', 'leave', 'leaderboard', ...TEAM_SETTINGS_WORDS]);
/** Slack's placeholder names for channels whose real name it does not send. */
const UNNAMED_CHANNELS = new Set(['privategroup', 'directmessage', 'mpdm']);

async function channelName(deps: SlackDeps, workspace: Workspace, payload: CommandPayload): Promise<string> {
  if (payload.channel_name && !UNNAMED_CHANNELS.has(payload.channel_name)) return `#${payload.channel_name}`;
  try {
    const info = await deps.api.call(workspace.id, 'conversations.info', { channel: payload.channel_id }, workspace.token);
    const name = (info['channel'] as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string' && name !== '') return `#${name}`;
  } catch (err) {
    deps.logger.warn({ err: describeSlackError(err) }, 'conversations.info failed; using a generic team name');
  }
  return '#private channel';
}

function replyMessage(reply: Exclude<CommandReply, { kind: 'settings' }>): SlackMessage {
  switch (reply.kind) {
    case 'help':
      return renderText(`${reply.unknown === null ? '' : `I do not know "${reply.unknown}". `}Type /breaks followed by one of these:\n${reply.text}`);
    case 'stats':
      return renderStats(reply.view);
    case 'leaderboard':
      return renderLeaderboard(reply.view, reply.workspace, reply.text);
    case 'forget-confirm':
      return renderForgetConfirm(reply.text, reply.memberId);
    case 'text':
    case 'error':
      return renderText(reply.text);
  }
}

export async function handleCommand(deps: SlackDeps, workspace: Workspace, payload: CommandPayload): Promise<void> {
  const word = parseCommand(payload.text).word;
  const id = slackMemberId(workspace.id, payload.user_id);
  try {
    // "help" and "forget-me" must not create anybody.
    // The locale only helps "start" suggest a holiday calendar, so it is asked for then alone.
    const found =
      word === 'help' || word === 'forget-me' ? null
      : word === 'start' ? await ensureMemberWithLocale(deps, workspace, payload.user_id, payload.user_name)
      : { member: await ensureMember(deps, workspace, payload.user_id, payload.user_name), locale: undefined };
    const member = found?.member ?? null;
    const locale = found?.locale;
    let team: TeamInput | undefined;
    if (member && isTeamChannel(payload.channel_id) && TEAM_WORDS.has(word)) {
      const name = await channelName(deps, workspace, payload);
      // A new team takes the zone of the person who brings it into being.
      team = { teamId: slackTeamId(workspace.id, payload.channel_id), name, timezone: member.schedule.timezone, address: { channel: payload.channel_id } };
    }
    // Only words that change a team's settings need to know whether the person is a workspace admin.
    const isTeamAdmin = team && TEAM_SETTINGS_WORDS.has(word) ? await isWorkspaceAdmin(deps, workspace, payload.user_id) : false;
    const reply = await deps.work.run(() => runCommand(deps.service, { memberId: id, displayName: '', timezone: member?.schedule.timezone, locale, team, isTeamAdmin }, payload.text));
    // Only "forget-me confirm" deletes; the question alone leaves the person where they were.
    if (word === 'forget-me' && !(await deps.store.getMember(id))) await deps.store.removeTeamMember(workspaceRosterId(workspace.id), id);
    if (reply.kind === 'settings') {
      await deps.api.call(workspace.id, 'views.open', { trigger_id: payload.trigger_id, view: renderSettingsModal(reply.member, { channelId: payload.channel_id }) }, workspace.token);
    } else {
      await respond(deps, workspace, payload.response_url, replyMessage(reply));
    }
    if (HOME_WORDS.has(word) && reply.kind !== 'error') await refreshHome(deps, workspace, payload.user_id);
  } catch (err) {
    deps.logger.error({ memberId: id, word, err: describeSlackError(err) }, 'slash command failed');
    const text = isCoreError(err) ? err.message : 'Something went wrong on our side. Please try again in a moment.';
    await respond(deps, workspace, payload.response_url, renderText(text)).catch(() => undefined);
  }
}
