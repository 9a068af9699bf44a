// What the multi-process tests share: the environment of a bot instance, Slack workspaces installed through the
// adapter's own installation store, Teams conversations, and members whose schedule slot has just passed.
import { DateTime } from 'luxon';
import type { Installation } from '@slack/bolt';
import { nextPromptAt, type Member, type Schedule, type Store } from '../../src/core/index.ts';
import { spreadOffsetMs } from '../../src/core/schedule/spread.ts';
import { StoreInstallationStore } from '../../src/adapters/slack/installation-store.ts';
import { TokenCipher } from '../../src/adapters/slack/token-cipher.ts';
import { REFERENCE_KIND } from '../../src/adapters/teams/conversation-references.ts';
import type { BotProcess } from '../helpers/bot-process.ts';
import { buildMember } from '../helpers/members.ts';

export const SIGNING_SECRET = 'multi-signing-secret-0123456789abcdef';
export const TOKEN_ENCRYPTION_KEY = 'multi-token-encryption-key-0123456789abcdef';

export interface FleetEnvOptions {
  redisUrl: string;
  prefix: string;
  cluster?: boolean;
  /** Slack Web API base URL ending in "/"; unset leaves Slack off. */
  slackApiUrl?: string;
  teams?: boolean;
  spreadSeconds: number;
  /** Anything else (lease, batch size, reaper). */
  extra?: Record<string, string>;
}

/** One instance's environment: Slack with OAuth installs (many workspaces), optionally Teams without auth. */
export function fleetEnv(options: FleetEnvOptions): Record<string, string> {
  return {
    NODE_ENV: 'test',
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.prefix,
    REDIS_CLUSTER: options.cluster ? 'true' : 'false',
    PROMPT_SPREAD_SECONDS: String(options.spreadSeconds),
    SCHEDULER_TICK_SECONDS: '1',
    WEB_CHAT_ENABLED: 'false',
    ...(options.slackApiUrl
      ? {
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_CLIENT_ID: 'multi-client-id',
          SLACK_CLIENT_SECRET: 'multi-client-secret',
          SLACK_STATE_SECRET: 'multi-state-secret-0123456789',
          TOKEN_ENCRYPTION_KEY,
          SLACK_API_URL: options.slackApiUrl,
        }
      : {}),
    ...(options.teams ? { TEAMS_ALLOW_ANONYMOUS: 'true' } : {}),
    ...options.extra,
  };
}

export interface JustPassedSlot {
  schedule: Schedule;
  /** The schedule slot, 60-120 s ago. */
  slotAt: number;
}

/**
 * A real schedule (every day, every 15 minutes) whose latest slot passed 60-120 s ago. The zone is picked so local
 * time is around noon, far from the window's edges, whatever hour the test runs at.
 */
export function justPassedSlot(now: number = Date.now()): JustPassedSlot {
  const shift = 12 - new Date(now).getUTCHours();
  // Etc/GMT signs are inverted: Etc/GMT-5 is UTC+5.
  const timezone = shift === 0 ? 'UTC' : shift > 0 ? `Etc/GMT-${shift}` : `Etc/GMT+${-shift}`;
  const start = DateTime.fromMillis(now, { zone: timezone }).startOf('minute').minus({ minutes: 16 }).toFormat('HH:mm');
  const schedule: Schedule = { timezone, workdays: [1, 2, 3, 4, 5, 6, 7], start, end: '23:59', intervalMinutes: 15 };
  const slot = nextPromptAt(schedule, new Date(now - 10 * 60_000));
  if (!slot || slot.getTime() > now - 55_000) throw new Error(`no slot just passed for ${JSON.stringify(schedule)}`);
  return { schedule, slotAt: slot.getTime() };
}

export function activeMember(id: string, schedule: Schedule, now: number): Member {
  return buildMember(id, now - 3600_000, { schedule });
}

export function botTokenOf(workspaceId: string): string {
  return `xoxb-${workspaceId}-multi-secret`;
}

/** Writes workspaces' OAuth installations exactly as the adapter stores them (encrypted with the instances' key). */
export async function installWorkspaces(store: Store, workspaceIds: string[]): Promise<void> {
  const installations = new StoreInstallationStore(store, TokenCipher.fromSecret(TOKEN_ENCRYPTION_KEY));
  await Promise.all(
    workspaceIds.map((id) => {
      const installation: Installation<'v2', false> = {
        team: { id, name: `Workspace ${id}` },
        enterprise: undefined,
        user: { id: 'UINSTALLER', token: undefined, scopes: undefined },
        bot: { token: botTokenOf(id), scopes: ['chat:write', 'im:write', 'dnd:read'], id: 'BBOT', userId: 'UBOT' },
        appId: 'A0MULTI',
        tokenType: 'bot',
        isEnterpriseInstall: false,
        authVersion: 'v2',
      };
      return installations.storeInstallation(installation);
    }),
  );
}

export interface SlackPopulation {
  workspaceIds: string[];
  memberIds: string[];
  /** Member id by Slack user id (user ids are unique across the workspaces here). */
  memberOfUser: Map<string, string>;
}

/** `workspaces` x `perWorkspace` Slack members, ids slack:TW<w>:U<w>N<n>. */
export function slackPopulation(workspaces: number, perWorkspace: number): SlackPopulation {
  const workspaceIds = Array.from({ length: workspaces }, (_, w) => `TW${String(w).padStart(3, '0')}`);
  const memberOfUser = new Map<string, string>();
  const memberIds: string[] = [];
  workspaceIds.forEach((workspace, w) => {
    for (let n = 0; n < perWorkspace; n += 1) {
      const user = `U${String(w).padStart(3, '0')}N${String(n).padStart(4, '0')}`;
      const id = `slack:${workspace}:${user}`;
      memberIds.push(id);
      memberOfUser.set(user, id);
    }
  });
  return { workspaceIds, memberIds, memberOfUser };
}

/** Stores the members and puts each in the due index at its slot plus its spread offset (what the core would do). */
export async function seedDueMembers(store: Store, memberIds: string[], slot: JustPassedSlot, spreadSeconds: number, now = Date.now()): Promise<void> {
  for (let i = 0; i < memberIds.length; i += 250) {
    await Promise.all(
      memberIds.slice(i, i + 250).map(async (id) => {
        await store.putMember(activeMember(id, slot.schedule, now));
        await store.setDue(id, slot.slotAt + spreadOffsetMs(id, spreadSeconds));
      }),
    );
  }
}

/** A Teams member's 1:1 conversation id. */
export function teamsConversationOf(memberId: string): string {
  return `a:personal-${memberId.split(':')[2] ?? memberId}`;
}

/** The conversation reference the Teams adapter would have saved at install, pointing at `serviceUrl`. */
export async function storeTeamsReferences(store: Store, memberIds: string[], serviceUrl: string): Promise<void> {
  await Promise.all(
    memberIds.map((id) =>
      store.putRecord(
        REFERENCE_KIND,
        id,
        JSON.stringify({
          channelId: 'msteams',
          serviceUrl,
          conversation: { id: teamsConversationOf(id), conversationType: 'personal', tenantId: id.split(':')[1] },
          bot: { id: '28:desk-breaks-bot', name: 'Desk breaks' },
          user: { id: `29:${id.split(':')[2]}`, aadObjectId: id.split(':')[2] },
        }),
      ),
    ),
  );
}

/** Sum of one counter over instances (a killed instance's figures are gone with it: pass only the living). */
export async function sumCounter(processes: BotProcess[], name: string, labels: Record<string, string>): Promise<number> {
  const values = await Promise.all(processes.map((p) => p.counter(name, labels)));
  return values.reduce((sum, v) => sum + v, 0);
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Counts of each key: which were seen more than once. */
export function duplicates(keys: string[]): string[] {
  const seen = new Map<string, number>();
  for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([key]) => key);
}
