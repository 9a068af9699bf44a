// The Slack Messenger the scheduler and "now" use: prompts as DMs, team prompts and digests in the team's channel,
// and Do Not Disturb as the member's next reachable instant.
import type { DigestView, Logger, Member, Messenger, PromptView, ReachabilityQuery, Team, TeamPromptView, Unreachable } from '../../core/index.ts';
import { renderDigest } from './blocks/boards.ts';
import { renderPrompt, renderTeamPrompt } from './blocks/prompt.ts';
import type { SlackMessage } from './blocks/kit.ts';
import { dndInfoSchema, quietUntil } from './dnd.ts';
import { slackParts } from './ids.ts';
import type { SlackApi } from './slack-api.ts';
import { describeSlackError } from './slack-errors.ts';

export interface SlackMessenger extends Messenger {
  reachability(queries: ReachabilityQuery[]): Promise<Array<Unreachable | null>>;
}

function parts(id: string): { workspaceId: string; localId: string } {
  const found = slackParts(id);
  if (!found) throw new Error(`not a Slack id: ${id}`);
  return found;
}

/** A team's channel: kept in its address when the team was created, else the id's last part. */
function channelOf(team: Team): string {
  return team.address['channel'] ?? parts(team.id).localId;
}

function stringField(result: Record<string, unknown>, key: string): string {
  const value = result[key];
  if (typeof value !== 'string' || value === '') throw new Error(`Slack answer without ${key}`);
  return value;
}

export function createSlackMessenger(api: SlackApi, logger: Logger): SlackMessenger {
  async function post(workspaceId: string, channel: string, msg: SlackMessage): Promise<{ channel: string; ts: string }> {
    const posted = await api.call(workspaceId, 'chat.postMessage', { channel, text: msg.text, blocks: msg.blocks, unfurl_links: false });
    return { channel: typeof posted['channel'] === 'string' ? posted['channel'] : channel, ts: stringField(posted, 'ts') };
  }

  async function dndOf(member: Member, slotAt: number): Promise<Unreachable | null> {
    const { workspaceId, localId: userId } = parts(member.id);
    try {
      const info = dndInfoSchema.safeParse(await api.call(workspaceId, 'dnd.info', { user: userId }));
      const until = info.success ? quietUntil(info.data, slotAt) : null;
      return until === null ? null : { reason: 'dnd', until };
    } catch (err) {
      // Not knowing is not a reason to hold a break back.
      logger.warn({ memberId: member.id, err: describeSlackError(err) }, 'dnd.info failed; sending now');
      return null;
    }
  }

  return {
    platform: 'slack',

    async sendPrompt(member: Member, view: PromptView) {
      const { workspaceId, localId: userId } = parts(member.id);
      const opened = await api.call(workspaceId, 'conversations.open', { users: userId });
      const channel = (opened['channel'] as { id?: unknown } | undefined)?.id;
      if (typeof channel !== 'string') throw new Error('Slack answer without channel.id');
      return post(workspaceId, channel, renderPrompt(view));
    },

    async sendTeamPrompt(team: Team, view: TeamPromptView) {
      return post(parts(team.id).workspaceId, channelOf(team), renderTeamPrompt(view));
    },

    async sendDigest(team: Team, view: DigestView) {
      await post(parts(team.id).workspaceId, channelOf(team), renderDigest(view));
    },

    async reachability(queries: ReachabilityQuery[]) {
      return Promise.all(queries.map(({ member, slotAt }) => dndOf(member, slotAt)));
    },
  };
}
