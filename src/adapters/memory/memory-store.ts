// The Store in process memory: the local default and the fast store for unit tests. It behaves like the Redis store
// (same contract suite), including TTLs judged against the injected clock, and hands out copies of its state.
import type {
  BoardEntryInput,
  BoardPage,
  BoardQuery,
  Claim,
  CompletionInput,
  CompletionResult,
  DueCommit,
  Member,
  MemberActivity,
  MemberChange,
  MemberEnrolment,
  Platform,
  Prompt,
  PromptSendInput,
  PromptSettleInput,
  PromptStatus,
  RosterAddition,
  Store,
  Team,
  TeamChange,
  TeamDay,
  TeamTotals,
  WeekBoardEntry,
  SwapStoreResult,
} from '../../core/index.ts';
import { jobId } from '../../core/index.ts';
import { MemoryDueIndex, requireInstant, requireJobId } from './due-index.ts';
import { ExpiringMap } from './expiring-map.ts';
import { SendLimiter } from './send-limiter.ts';
import { MemoryTeamBoards } from './team-boards.ts';
import { isTenantId, requireOneTenant, requireOwnTenant, requireSameRecord } from './tenants.ts';
import { updateInPlace } from './update-loop.ts';

/** Done markers and team prompt joiners outlive every prompt, so a late retry counts once (as in Redis). */
const DONE_MARKER_TTL_MS = 10 * 24 * 3600_000;
/** A team day's completer set only matters during that day. */
const TEAM_DAY_COMPLETERS_TTL_MS = 3 * 24 * 3600_000;
const CHANGEABLE_STATUSES: readonly PromptStatus[] = ['open', 'snoozed'];

export interface MemoryStoreOptions {
  /** The clock TTLs are judged against; default Date.now. */
  now?: (() => number) | undefined;
}

const pair = (a: string, b: string): string => `${a}\n${b}`;

function emptyActivity(): MemberActivity {
  return { days: {}, weekPoints: {}, totalPoints: 0, totalCompletions: 0, promptsSent: 0 };
}

export class MemoryStore implements Store {
  private readonly now: () => number;
  private readonly members = new Map<string, Member>();
  private readonly activity = new Map<string, MemberActivity>();
  /** member id -> local day -> points earned that day (all, and from on-demand breaks): the caps' counters. */
  private readonly dayPoints = new Map<string, Map<string, { all: number; onDemand: number }>>();
  /** member id -> prompt id -> expiry: the prompts forget must find. */
  private readonly memberPrompts = new Map<string, Map<string, number>>();
  private readonly prompts: ExpiringMap<Prompt>;
  private readonly done: ExpiringMap<true>;
  private readonly joiners: ExpiringMap<Set<string>>;
  private readonly teams = new Map<string, Team>();
  private readonly rosters = new Map<string, Set<string>>();
  private readonly teamDays = new Map<string, Map<string, TeamDay>>();
  /** (team, day) -> members who completed that day. */
  private readonly dayCompleters: ExpiringMap<Set<string>>;
  /** team -> week key -> member -> points. */
  private readonly weekBoards = new Map<string, Map<string, Map<string, number>>>();
  private readonly teamTotals = new Map<string, TeamTotals>();
  /** Send markers: the prompt id a send was recorded for, or "" for markSent's. */
  private readonly sent: ExpiringMap<string>;
  private readonly records: ExpiringMap<string>;
  private readonly dueIndex = new MemoryDueIndex();
  private readonly limiter = new SendLimiter();
  private readonly boards = new MemoryTeamBoards({
    weekPoints: (teamId, weekKey, memberId) => this.weekBoards.get(teamId)?.get(weekKey)?.get(memberId) ?? 0,
    rosterSize: (teamId) => this.rosters.get(teamId)?.size ?? 0,
  });

  constructor(options: MemoryStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.prompts = new ExpiringMap(this.now);
    this.done = new ExpiringMap(this.now);
    this.joiners = new ExpiringMap(this.now);
    this.dayCompleters = new ExpiringMap(this.now);
    this.sent = new ExpiringMap(this.now);
    this.records = new ExpiringMap(this.now);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  async getMember(id: string): Promise<Member | null> {
    const member = this.members.get(id);
    return member ? structuredClone(member) : null;
  }

  async getMembers(ids: string[]): Promise<Array<Member | null>> {
    return Promise.all(ids.map((id) => this.getMember(id)));
  }

  async putMember(member: Member): Promise<void> {
    requireOwnTenant(member.id, member.platform, member.tenantId);
    this.members.set(member.id, structuredClone(member));
  }

  async enrolMembers(entries: MemberEnrolment[]): Promise<boolean[]> {
    // Every entry is checked before anything is stored, as the Redis store refuses a bad batch whole.
    for (const { member, dueAt } of entries) {
      requireOwnTenant(member.id, member.platform, member.tenantId);
      if (dueAt !== null) requireInstant(dueAt, 'dueAt');
    }
    return entries.map(({ member, dueAt }) => {
      if (this.members.has(member.id)) return false;
      this.members.set(member.id, structuredClone(member));
      if (dueAt !== null) this.dueIndex.set(member.id, dueAt);
      return true;
    });
  }

  async updateMember(id: string, change: MemberChange): Promise<Member | null> {
    return updateInPlace(() => this.members.get(id), structuredClone, change, (member) => {
      requireSameRecord('member', id, member);
      this.members.set(id, member);
    });
  }

  async forgetMember(id: string): Promise<void> {
    if (!isTenantId(id)) return;
    const member = this.members.get(id);
    for (const promptId of this.memberPrompts.get(id)?.keys() ?? []) {
      this.done.delete(pair(promptId, id));
      this.joiners.get(promptId)?.delete(id);
      if (this.prompts.get(promptId)?.memberId === id) this.prompts.delete(promptId);
    }
    for (const teamId of member?.teamIds ?? []) {
      this.rosters.get(teamId)?.delete(id);
      for (const key of this.dayCompleters.keysStartingWith(pair(teamId, ''))) this.dayCompleters.get(key)?.delete(id);
      for (const board of this.weekBoards.get(teamId)?.values() ?? []) board.delete(id);
    }
    this.boards.removeEverywhere(id);
    this.members.delete(id);
    this.activity.delete(id);
    this.dayPoints.delete(id);
    this.memberPrompts.delete(id);
    this.dueIndex.clear(id);
  }

  async setDue(jobId: string, dueAt: number): Promise<void> {
    this.dueIndex.set(jobId, dueAt);
  }

  async clearDue(jobId: string): Promise<void> {
    this.dueIndex.clear(jobId);
  }

  async getDue(jobId: string): Promise<number | null> {
    return this.dueIndex.get(jobId);
  }

  async claimDue(now: number, limit: number, leaseMs: number, token: string): Promise<Claim[]> {
    return this.dueIndex.claim(now, limit, leaseMs, token);
  }

  async commitDueMany(token: string, commits: DueCommit[]): Promise<boolean[]> {
    return commits.map((commit) => this.dueIndex.commit(commit.jobId, token, commit.nextDueAt));
  }

  async extendLeases(token: string, jobIds: string[], deadline: number): Promise<boolean[]> {
    return jobIds.map((id) => this.dueIndex.extend(id, token, deadline));
  }

  async reapLeases(now: number): Promise<number> {
    return this.dueIndex.reap(now);
  }

  async markSent(jobId: string, slotAt: number, ttlMs: number): Promise<boolean> {
    requireJobId(jobId);
    return this.sent.setIfAbsent(pair(jobId, String(slotAt)), '', ttlMs);
  }

  async sendMarkerOf(jobId: string, slotAt: number): Promise<string | null> {
    requireJobId(jobId);
    return this.sent.get(pair(jobId, String(slotAt))) ?? null;
  }

  async recordPromptSends(inputs: PromptSendInput[]): Promise<boolean[]> {
    // Every check first, so a refused call takes no marker (the Redis script runs only after the same checks).
    inputs.forEach(checkPromptSend);
    const taken: boolean[] = [];
    for (const input of inputs) taken.push(await this.recordCheckedSend(input));
    return taken;
  }

  private async recordCheckedSend(input: PromptSendInput): Promise<boolean> {
    const { prompt, member } = input;
    requireJobId(member.id);
    if (!this.sent.setIfAbsent(pair(member.id, String(prompt.slotAt)), prompt.id, input.markerTtlMs)) return false;
    await this.putPrompt(prompt, input.promptTtlMs);
    // Only the field the send changes: a settings change stored since the member was read stays.
    const stored = this.members.get(member.id);
    if (stored) this.members.set(member.id, { ...stored, recentChallengeIds: [...input.recentChallengeIds] });
    await this.recordPromptSent(member.id, member.teamIds, member.platform, member.tenantId);
    return true;
  }

  async settlePromptSends(inputs: PromptSettleInput[]): Promise<void> {
    for (const { prompt, markerId, markerTtlMs } of inputs) {
      await this.markSent(markerId, prompt.slotAt, markerTtlMs);
      if (Object.keys(prompt.delivery).length > 0) await this.setPromptDelivery(prompt.id, prompt.delivery);
    }
  }

  async putPrompt(prompt: Prompt, ttlMs: number): Promise<void> {
    requireOwnTenant(prompt.id, prompt.platform, prompt.tenantId);
    if (prompt.memberId !== '') requireOneTenant([prompt.id, prompt.memberId]);
    this.prompts.set(prompt.id, structuredClone(prompt), ttlMs);
    if (prompt.memberId !== '') this.rememberPrompt(prompt.memberId, prompt.id, prompt.sentAt, prompt.sentAt + ttlMs);
  }

  async getPrompt(id: string): Promise<Prompt | null> {
    const prompt = this.prompts.get(id);
    return prompt ? structuredClone(prompt) : null;
  }

  async setPromptStatus(id: string, status: PromptStatus): Promise<PromptStatus | null> {
    const prompt = this.prompts.get(id);
    if (!prompt) return null;
    if (CHANGEABLE_STATUSES.includes(prompt.status)) prompt.status = status;
    return prompt.status;
  }

  async setPromptDelivery(id: string, delivery: Record<string, string>): Promise<void> {
    const prompt = this.prompts.get(id);
    if (prompt) this.prompts.replace(id, { ...prompt, delivery: { ...delivery } });
  }

  async swapPromptChallenge(swapped: Prompt, fromChallengeId: string, maxSwaps: number): Promise<SwapStoreResult> {
    const prompt = this.prompts.get(swapped.id);
    if (!prompt) return 'not-found';
    if (prompt.status !== 'open') return 'closed';
    if (prompt.challengeId !== fromChallengeId) return 'changed';
    if ((prompt.swaps ?? 0) >= maxSwaps) return 'limit';
    // Status, delivery and everything else stay as stored: only the challenge and the swap count change.
    this.prompts.replace(swapped.id, { ...prompt, challengeId: swapped.challengeId, swaps: swapped.swaps ?? (prompt.swaps ?? 0) + 1 });
    return 'swapped';
  }

  async recordCompletion(input: CompletionInput): Promise<CompletionResult> {
    requireOneTenant([input.promptId, input.memberId, ...input.teams.map((team) => team.teamId)]);
    const activity = this.activityOf(input.memberId);
    const joined = (): number => (input.teamPromptId !== null ? (this.joiners.get(input.teamPromptId)?.size ?? 0) : 0);
    // Done closes the prompt whether or not this click counted, as recordCompletion.lua does.
    const prompt = input.closePrompt === true ? this.prompts.get(input.promptId) : undefined;
    if (prompt && CHANGEABLE_STATUSES.includes(prompt.status)) prompt.status = 'done';
    if (!this.done.setIfAbsent(pair(input.promptId, input.memberId), true, DONE_MARKER_TTL_MS)) {
      return { counted: false, pointAwarded: false, todayCount: activity.days[input.day] ?? 0, joinedCount: joined(), activity: structuredClone(activity) };
    }
    const todayCount = (activity.days[input.day] ?? 0) + 1;
    activity.days[input.day] = todayCount;
    activity.totalCompletions += 1;
    // The day's points (all, and from on-demand breaks) decide the award, as recordCompletion.lua does.
    const memberDays = this.mapEntry(this.dayPoints, input.memberId, () => new Map<string, { all: number; onDemand: number }>());
    const points = memberDays.get(input.day) ?? { all: 0, onDemand: 0 };
    const onDemand = input.onDemandCap !== undefined;
    const pointAwarded = points.all < input.dailyCap && (!onDemand || points.onDemand < (input.onDemandCap ?? 0));
    if (pointAwarded) {
      activity.weekPoints[input.weekKey] = (activity.weekPoints[input.weekKey] ?? 0) + 1;
      activity.totalPoints += 1;
      memberDays.set(input.day, { all: points.all + 1, onDemand: points.onDemand + (onDemand ? 1 : 0) });
    }
    this.rememberPrompt(input.memberId, input.promptId, input.now, input.now + DONE_MARKER_TTL_MS);
    if (input.teamPromptId !== null) {
      const set = this.joiners.get(input.teamPromptId) ?? new Set<string>();
      set.add(input.memberId);
      this.joiners.set(input.teamPromptId, set, DONE_MARKER_TTL_MS);
    }
    for (const team of input.teams) {
      const days = this.mapEntry(this.teamDays, team.teamId, () => new Map<string, TeamDay>());
      const day = days.get(team.day) ?? { completers: 0, activeMembers: 0 };
      const completersKey = pair(team.teamId, team.day);
      const completers = this.dayCompleters.get(completersKey) ?? new Set<string>();
      // Only roster members count toward the team's day, as in recordCompletion.lua.
      if (this.rosters.get(team.teamId)?.has(input.memberId)) {
        if (!completers.has(input.memberId)) day.completers += 1;
        completers.add(input.memberId);
        this.dayCompleters.set(completersKey, completers, TEAM_DAY_COMPLETERS_TTL_MS);
      }
      day.activeMembers = team.activeMembers;
      days.set(team.day, day);
      if (pointAwarded) {
        const weeks = this.mapEntry(this.weekBoards, team.teamId, () => new Map<string, Map<string, number>>());
        const board = this.mapEntry(weeks, team.weekKey, () => new Map<string, number>());
        board.set(input.memberId, (board.get(input.memberId) ?? 0) + 1);
      }
      this.totalsOf(team.teamId).completions += 1;
    }
    return { counted: true, pointAwarded, todayCount, joinedCount: joined(), activity: structuredClone(activity) };
  }

  async recordPromptSent(memberId: string, teamIds: string[], platform: Platform, tenantId: string): Promise<void> {
    requireOwnTenant(memberId, platform, tenantId);
    requireOneTenant([memberId, ...teamIds]);
    this.activityOf(memberId).promptsSent += 1;
    for (const teamId of teamIds) this.totalsOf(teamId).promptsSent += 1;
  }

  async getActivity(memberId: string): Promise<MemberActivity> {
    return structuredClone(this.activity.get(memberId) ?? emptyActivity());
  }

  async putTeam(team: Team): Promise<void> {
    requireOwnTenant(team.id, team.platform, team.tenantId);
    this.teams.set(team.id, structuredClone(team));
  }

  async updateTeam(id: string, change: TeamChange): Promise<Team | null> {
    return updateInPlace(() => this.teams.get(id), structuredClone, change, (team) => {
      requireSameRecord('team', id, team);
      this.teams.set(id, team);
    });
  }

  async getTeam(id: string): Promise<Team | null> {
    const team = this.teams.get(id);
    return team ? structuredClone(team) : null;
  }

  async listTeams(platform: Platform, tenantId: string): Promise<Team[]> {
    return [...this.teams.values()]
      .filter((team) => team.platform === platform && team.tenantId === tenantId)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((team) => structuredClone(team));
  }

  async addTeamMember(teamId: string, memberId: string): Promise<void> {
    requireOneTenant([teamId, memberId]);
    this.mapEntry(this.rosters, teamId, () => new Set<string>()).add(memberId);
  }

  async addTeamMembers(additions: ReadonlyArray<RosterAddition>): Promise<void> {
    // Every addition is checked before any roster changes, as the Redis store refuses a bad batch whole.
    for (const { teamId, memberIds } of additions) requireOneTenant([teamId, ...memberIds]);
    for (const { teamId, memberIds } of additions) {
      if (memberIds.length === 0) continue;
      const roster = this.mapEntry(this.rosters, teamId, () => new Set<string>());
      for (const memberId of memberIds) roster.add(memberId);
    }
  }

  async removeTeamMember(teamId: string, memberId: string): Promise<void> {
    this.rosters.get(teamId)?.delete(memberId);
  }

  async teamMemberIds(teamId: string): Promise<string[]> {
    return [...(this.rosters.get(teamId) ?? [])].sort();
  }

  async countTeamMembers(teamId: string): Promise<number> {
    return this.rosters.get(teamId)?.size ?? 0;
  }

  async getTeamDays(teamId: string): Promise<Record<string, TeamDay>> {
    return Object.fromEntries([...(this.teamDays.get(teamId) ?? [])].map(([day, record]) => [day, { ...record }]));
  }

  async getTeamTotals(teamId: string): Promise<TeamTotals> {
    return { ...(this.teamTotals.get(teamId) ?? { promptsSent: 0, completions: 0 }) };
  }

  async teamWeekBoard(teamId: string, weekKey: string): Promise<WeekBoardEntry[]> {
    const board = this.weekBoards.get(teamId)?.get(weekKey) ?? new Map<string, number>();
    return [...board]
      .map(([memberId, points]) => ({ memberId, points }))
      .sort((a, b) => b.points - a.points || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  }

  async forgetTeam(teamId: string): Promise<void> {
    if (!isTenantId(teamId)) return;
    this.teams.delete(teamId);
    this.rosters.delete(teamId);
    this.teamDays.delete(teamId);
    for (const key of this.dayCompleters.keysStartingWith(pair(teamId, ''))) this.dayCompleters.delete(key);
    this.weekBoards.delete(teamId);
    this.teamTotals.delete(teamId);
    this.boards.forget(teamId);
    this.dueIndex.clear(jobId({ kind: 'team', teamId }));
    this.dueIndex.clear(jobId({ kind: 'digest', teamId }));
  }

  async putBoardEntry(teamId: string, memberId: string, entry: BoardEntryInput): Promise<void> {
    requireOneTenant([teamId, memberId]);
    this.boards.put(teamId, memberId, entry);
  }

  async removeBoardEntry(teamId: string, memberId: string): Promise<void> {
    this.boards.remove(teamId, memberId);
  }

  async readBoard(teamId: string, query: BoardQuery): Promise<BoardPage> {
    return this.boards.read(teamId, query);
  }

  async reserveSend(limiterKey: string, perSecond: number, now: number): Promise<number> {
    return this.limiter.reserve(limiterKey, perSecond, now);
  }

  async holdSends(limiterKey: string, perSecond: number, _now: number, until: number): Promise<void> {
    this.limiter.hold(limiterKey, perSecond, until);
  }

  async putRecord(kind: string, id: string, value: string, ttlMs?: number): Promise<void> {
    this.records.set(pair(kind, id), value, ttlMs);
  }

  async getRecord(kind: string, id: string): Promise<string | null> {
    return this.records.get(pair(kind, id)) ?? null;
  }

  async putRecordIfAbsent(kind: string, id: string, value: string, ttlMs: number): Promise<boolean> {
    return this.records.setIfAbsent(pair(kind, id), value, ttlMs);
  }

  async deleteRecord(kind: string, id: string): Promise<void> {
    this.records.delete(pair(kind, id));
  }

  async updateRecord(kind: string, id: string, change: (value: string | null) => string | null): Promise<string | null> {
    const key = pair(kind, id);
    // Compared by value as on Redis: a rewrite with the same text changes nothing the change depends on.
    return updateInPlace(() => this.records.get(key), (value) => value, change, (value) => {
      if (!this.records.replace(key, value)) this.records.set(key, value);
    });
  }

  private activityOf(memberId: string): MemberActivity {
    return this.mapEntry(this.activity, memberId, emptyActivity);
  }

  private totalsOf(teamId: string): TeamTotals {
    return this.mapEntry(this.teamTotals, teamId, () => ({ promptsSent: 0, completions: 0 }));
  }

  /** Keeps the member's prompt list for forget, dropping entries that expired before `now`. */
  private rememberPrompt(memberId: string, promptId: string, now: number, expiresAt: number): void {
    const list = this.mapEntry(this.memberPrompts, memberId, () => new Map<string, number>());
    for (const [id, at] of list) if (at < now) list.delete(id);
    list.set(promptId, expiresAt);
  }

  private mapEntry<K, V>(map: Map<K, V>, key: K, create: () => V): V {
    let value = map.get(key);
    if (value === undefined) {
      value = create();
      map.set(key, value);
    }
    return value;
  }
}

function checkPromptSend({ prompt, member }: PromptSendInput): void {
  requireOwnTenant(member.id, member.platform, member.tenantId);
  requireOwnTenant(prompt.id, prompt.platform, prompt.tenantId);
  if (prompt.memberId !== member.id) throw new Error(`prompt ${prompt.id} is not addressed to ${member.id}`);
  requireOneTenant([prompt.id, member.id, ...member.teamIds]);
}
