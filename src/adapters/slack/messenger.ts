// The Slack Messenger the scheduler and "now" use: prompts as DMs, team prompts and digests in the team's channel,
// and whether a member can be reached: status and huddle (users.profile.get), then Do Not Disturb (dnd.info), read
// through the shared per-workspace limiter and kept for a minute.
import type { DigestView, Logger, Member, Messenger, PromptView, ReachabilityQuery, Team, TeamPromptView, Unreachable, WireGate } from '../../core/index.ts';
import { renderDigest } from './blocks/boards.ts';
import { renderPrompt, renderTeamPrompt } from './blocks/prompt.ts';
import type { SlackMessage } from './blocks/kit.ts';
import { dndInfoSchema, quietUntil } from './dnd.ts';
import { profileSchema, unreachableFromProfile } from './status.ts';
import { slackParts } from './ids.ts';
import type { SlackApi } from './slack-api.ts';
import { describeSlackError, slackErrorWord } from './slack-errors.ts';
import { CLOSED_DM_ERRORS, type DmChannels } from './dm-channels.ts';
import type { SlackPictures } from './pictures.ts';

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

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : 'unknown error';
}

function stringField(result: Record<string, unknown>, key: string): string {
  const value = result[key];
  if (typeof value !== 'string' || value === '') throw new Error(`Slack answer without ${key}`);
  return value;
}

/** Message metadata on every prompt: it names the prompt, so a send in doubt can be looked up in the DM. */
export const PROMPT_EVENT_TYPE = 'desk_break_prompt';
/** How far back in the DM a send in doubt is looked for: the prompt is among the bot's last few messages there. */
const HISTORY_LOOKBACK = 50;

function promptIdIn(message: unknown): string | null {
  const metadata = (message as { metadata?: { event_type?: unknown; event_payload?: { prompt_id?: unknown } } } | null)?.metadata;
  const id = metadata?.event_type === PROMPT_EVENT_TYPE ? metadata.event_payload?.prompt_id : undefined;
  return typeof id === 'string' ? id : null;
}

/** A gate passed at most once however many posts one prompt takes (a kept DM that is gone, then a new one). */
function onceGate(gate: WireGate | undefined): WireGate | undefined {
  if (!gate) return undefined;
  let first: Promise<boolean> | null = null;
  return {
    beforeWire: () => (first ??= gate.beforeWire()),
    // Once on the wire, the send is finished, never handed back.
    get signal() {
      return first ? undefined : gate.signal;
    },
  };
}

/** How long a member's read status is reused, in the scheduler's time (slot instants). */
export const STATUS_CACHE_MS = 60_000;
/** Members whose status is remembered at most; past it the cache starts over (it is only a saving). */
const STATUS_CACHE_LIMIT = 50_000;
/** A status read that has not answered by then is given up: the prompt goes out rather than wait on it. */
const STATUS_READ_BUDGET_MS = 5_000;

interface CachedStatus {
  readAt: number;
  value: Unreachable | null;
}

export function createSlackMessenger(api: SlackApi, logger: Logger, dms: DmChannels, options: { statusReadBudgetMs?: number; pictures?: SlackPictures } = {}): SlackMessenger {
  const statusCache = new Map<string, CachedStatus>();
  const budgetMs = options.statusReadBudgetMs ?? STATUS_READ_BUDGET_MS;

  async function post(workspaceId: string, channel: string, msg: SlackMessage, extra: Record<string, unknown> = {}, gate?: WireGate): Promise<{ channel: string; ts: string }> {
    const posted = await api.call(workspaceId, 'chat.postMessage', { channel, text: msg.text, blocks: msg.blocks, unfurl_links: false, ...extra }, undefined, gate);
    return { channel: typeof posted['channel'] === 'string' ? posted['channel'] : channel, ts: stringField(posted, 'ts') };
  }

  /** A read that fails or runs past the budget is "nothing known": never a reason to hold a break back. */
  async function read(member: Member, method: string, work: () => Promise<Unreachable | null>): Promise<Unreachable | null> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), budgetMs)));
    try {
      return await Promise.race([work(), late]);
    } catch (err) {
      logger.warn({ memberId: member.id, err: describeSlackError(err) }, `${method} failed; sending now`);
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  async function statusOf(member: Member, slotAt: number): Promise<Unreachable | null> {
    const { workspaceId, localId: userId } = parts(member.id);
    return read(member, 'users.profile.get', async () => {
      const answer = await api.call(workspaceId, 'users.profile.get', { user: userId });
      const profile = profileSchema.safeParse(answer['profile']);
      return profile.success ? unreachableFromProfile(profile.data, slotAt) : null;
    });
  }

  async function reachabilityOf(member: Member, slotAt: number): Promise<Unreachable | null> {
    const cached = statusCache.get(member.id);
    if (cached && Math.abs(slotAt - cached.readAt) < STATUS_CACHE_MS) return cached.value;
    // The status says more (why, and away for the day); DND is asked only when the status says nothing.
    const value = (await statusOf(member, slotAt)) ?? (await dndOf(member, slotAt));
    if (statusCache.size >= STATUS_CACHE_LIMIT) statusCache.clear();
    statusCache.set(member.id, { readAt: slotAt, value });
    return value;
  }

  async function dndOf(member: Member, slotAt: number): Promise<Unreachable | null> {
    const { workspaceId, localId: userId } = parts(member.id);
    return read(member, 'dnd.info', async () => {
      const info = dndInfoSchema.safeParse(await api.call(workspaceId, 'dnd.info', { user: userId }));
      const until = info.success ? quietUntil(info.data, slotAt) : null;
      return until === null ? null : { reason: 'dnd', until };
    });
  }

  /** Opens (or finds) the member's DM with the app and keeps its id for the next prompts. */
  async function openDm(member: Member, workspaceId: string, userId: string): Promise<string> {
    const opened = await api.call(workspaceId, 'conversations.open', { users: userId });
    const channel = (opened['channel'] as { id?: unknown } | undefined)?.id;
    if (typeof channel !== 'string') throw new Error('Slack answer without channel.id');
    // Not keeping it only costs another conversations.open next time.
    await dms.save(member.id, channel).catch((err: unknown) => logger.warn({ memberId: member.id, err: errorName(err) }, 'could not keep the DM channel'));
    return channel;
  }

  async function keptDm(memberId: string): Promise<string | null> {
    // Not knowing the channel is not a reason to hold a break back: open it instead.
    return dms.get(memberId).catch((err: unknown) => {
      logger.warn({ memberId, err: errorName(err) }, 'could not read the kept DM channel; opening it');
      return null;
    });
  }

  /** A prompt into the member's DM: the kept channel, or a newly opened one when the kept one was closed. */
  async function sendPromptMessage(member: Member, view: PromptView, msg: SlackMessage, gate: WireGate | undefined): Promise<{ channel: string; ts: string }> {
    const { workspaceId, localId: userId } = parts(member.id);
    const metadata = { metadata: { event_type: PROMPT_EVENT_TYPE, event_payload: { prompt_id: view.promptId } } };
    const kept = await keptDm(member.id);
    if (kept !== null) {
      try {
        return await post(workspaceId, kept, msg, metadata, gate);
      } catch (err) {
        const word = slackErrorWord(err);
        if (word === null || !CLOSED_DM_ERRORS.has(word)) throw err;
        // The DM was closed or archived since it was kept: Slack did not post, so open it once more and post there.
        logger.info({ memberId: member.id, err: word }, 'kept DM channel is gone; reopening it');
        await dms.forget(member.id);
      }
    }
    return post(workspaceId, await openDm(member, workspaceId, userId), msg, metadata, gate);
  }

  return {
    platform: 'slack',
    gatesSends: true,

    async sendPrompt(member: Member, view: PromptView, wireGate?: WireGate) {
      const { workspaceId } = parts(member.id);
      const gate = onceGate(wireGate);
      const image = (await options.pictures?.imageFor(workspaceId, view.challenge.id)) ?? null;
      try {
        return await sendPromptMessage(member, view, renderPrompt(view, image), gate);
      } catch (err) {
        // Slack refuses a file it no longer has (deleted in the workspace) and posted nothing: the prompt goes without.
        if (image === null || !('fileId' in image) || slackErrorWord(err) !== 'invalid_blocks') throw err;
        logger.warn({ memberId: member.id }, 'picture file gone from the workspace; prompt sent without it, uploaded again next time');
        await options.pictures?.forget(workspaceId, view.challenge.id);
        return sendPromptMessage(member, view, renderPrompt(view, null), gate);
      }
    },

    async findPrompt(member: Member, promptId: string) {
      const { workspaceId, localId: userId } = parts(member.id);
      const channel = (await keptDm(member.id)) ?? (await openDm(member, workspaceId, userId));
      const history = await api.call(workspaceId, 'conversations.history', { channel, limit: HISTORY_LOOKBACK, include_all_metadata: true });
      const messages = Array.isArray(history['messages']) ? (history['messages'] as unknown[]) : [];
      const found = messages.find((message) => promptIdIn(message) === promptId) as { ts?: unknown } | undefined;
      return found && typeof found.ts === 'string' ? { channel, ts: found.ts } : null;
    },

    async sendTeamPrompt(team: Team, view: TeamPromptView) {
      return post(parts(team.id).workspaceId, channelOf(team), renderTeamPrompt(view));
    },

    async sendDigest(team: Team, view: DigestView) {
      await post(parts(team.id).workspaceId, channelOf(team), renderDigest(view));
    },

    async reachability(queries: ReachabilityQuery[]) {
      return Promise.all(queries.map(({ member, slotAt }) => reachabilityOf(member, slotAt)));
    },
  };
}
