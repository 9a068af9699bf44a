// Sample domain data for the Store contract: realistic members, prompts, teams and completions of one tenant.
import type { CompletionInput, Member, Prompt, Team } from '../../src/core/index.ts';
import { buildMember } from '../helpers/members.ts';

export const T0 = Date.parse('2026-11-25T10:00:00Z');
export const TENANT = 'T01ACME';
export const OTHER_TENANT = 'T02OTHER';
export const TEAM_ID = `slack:${TENANT}:C01DESIGN`;
export const DAY = '2026-11-25';
export const WEEK = '2026-W48';

export function memberIdOf(user: string, tenant = TENANT): string {
  return `slack:${tenant}:${user}`;
}

export function makeMember(user: string, overrides: Partial<Member> = {}): Member {
  return buildMember(memberIdOf(user), T0, { displayName: `Person ${user}`, active: false, ...overrides });
}

/** A member with every optional field filled in. */
export function makeBusyMember(user: string): Member {
  return makeMember(user, {
    displayName: 'Zoë Ørsted "the tester"',
    schedule: { timezone: 'America/New_York', workdays: [1, 3, 5, 7], start: '08:30', end: '18:15', intervalMinutes: 45 },
    hasBand: true,
    avoidTags: ['stairs', 'balance'],
    active: true,
    pausedUntil: T0 + 3600_000,
    inactiveSpans: [
      { from: T0 - 86_400_000, to: T0 - 80_000_000 },
      { from: T0, to: null },
    ],
    excusedDays: ['2026-11-02', '2026-11-03'],
    pastSchedules: [{ until: '2026-11-10', timezone: 'Europe/Berlin', workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
    teamIds: [TEAM_ID, `slack:${TENANT}:C02OPS`],
    recentChallengeIds: ['glute-squeeze', 'chair-bridge'],
    snoozedPromptId: `slack:${TENANT}:pSNOOZED`,
    snoozeUntil: T0 + 600_000,
    address: { channel: 'D0123', team: TENANT },
  });
}

let promptCounter = 0;

export function makePrompt(memberId: string, overrides: Partial<Prompt> = {}): Prompt {
  promptCounter += 1;
  return {
    id: `slack:${TENANT}:p${String(promptCounter).padStart(6, '0')}`,
    kind: 'personal',
    memberId,
    teamId: null,
    platform: 'slack',
    tenantId: TENANT,
    challengeId: 'glute-squeeze',
    slotAt: T0,
    sentAt: T0 + 1000,
    localDay: DAY,
    expiresAt: T0 + 8 * 3600_000,
    status: 'open',
    delivery: {},
    ...overrides,
  };
}

export function makeTeamPrompt(teamId = TEAM_ID): Prompt {
  return makePrompt('', { kind: 'team', teamId, delivery: { channel: 'C01DESIGN', ts: '1764064800.000100' } });
}

export function makeTeam(channel: string, overrides: Partial<Team> = {}): Team {
  return {
    id: `slack:${TENANT}:${channel}`,
    platform: 'slack',
    tenantId: TENANT,
    name: channel.toLowerCase(),
    timezone: 'Europe/Berlin',
    workdays: [1, 2, 3, 4, 5],
    challengeTime: '11:30',
    address: { channel },
    createdAt: T0,
    ...overrides,
  };
}

export function makeCompletion(promptId: string, memberId: string, overrides: Partial<CompletionInput> = {}): CompletionInput {
  return {
    promptId,
    memberId,
    platform: 'slack',
    tenantId: TENANT,
    day: DAY,
    weekKey: WEEK,
    dailyCap: 8,
    teamPromptId: null,
    teams: [],
    now: T0 + 60_000,
    ...overrides,
  };
}

export function teamInput(teamId = TEAM_ID, activeMembers = 3, day = DAY, weekKey = WEEK): CompletionInput['teams'][number] {
  return { teamId, day, weekKey, activeMembers };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
