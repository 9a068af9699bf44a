// The Store on Redis (ioredis 5). Keys come from keys.ts; atomic steps are Lua scripts (lua/) or one-slot MULTIs.
import type { Cluster, Redis } from 'ioredis';
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
import { ACTIVITY, TEAM_TOTALS, dayField, hashOfPairs, readActivity, readTeamDays, readTeamTotals, teamActiveField, teamCompletersField, weekField, dayPointsField, onDemandPointsField } from './counter-fields.ts';
import { RedisDueIndex, requireJobId } from './due-index.ts';
import { forgetMember } from './forget-member.ts';
import { forgetTeam } from './forget-team.ts';
import { DEFAULT_PREFIX, DEFAULT_SHARD_COUNT, RedisKeys, UnplaceableIdError, placeId, requirePlaced } from './keys.ts';
import { decodeMember, encodeMember } from './member-codec.ts';
import { decodePrompt, encodePrompt, encodePromptBody, statusChar, statusFromChar } from './prompt-codec.ts';
import { guard } from './redis-errors.ts';
import { runGrouped } from './grouped.ts';
import { scriptFailure } from './script-failures.ts';
import { Scripts } from './scripts.ts';
import { execTransaction } from './transaction.ts';
import { updateString, type CompareAndSet } from './compare-and-set.ts';
import { burstWindowMs, sendIntervalMs } from './send-rate.ts';
import { RedisTeamBoards } from './team-boards.ts';

/** Done markers and team prompt joiners outlive every prompt (prompts are kept 8 days), so a late retry counts once. */
export const DONE_MARKER_TTL_MS = 10 * 24 * 3600_000;
/** A team day's completer set only matters during that day; it is kept a little longer to cover every zone. */
const TEAM_DAY_COMPLETERS_TTL_MS = 3 * 24 * 3600_000;
/** The statuses that may still change: a done or skipped prompt is final. */
const CHANGEABLE_STATUSES = statusChar('open') + statusChar('snoozed');

export interface RedisStoreOptions {
  /** Prepended to every key; default "db:". */
  prefix?: string | undefined;
  /** Due index shards; default 16. Changing it for existing data strands due entries in old shards. */
  shardCount?: number | undefined;
}

/** Throws unless every id belongs to one tenant: what one script or transaction touches must share a slot. */
function requireOneTenant(ids: string[]): void {
  const tags = new Set(ids.map((id) => requirePlaced(id).tag));
  if (tags.size > 1) throw new Error(`ids from more than one tenant cannot be updated together: ${ids.join(', ')}`);
}

function requireOwnTenant(id: string, platform: Platform, tenantId: string): void {
  const placed = placeId(id);
  if (!placed || placed.platform !== platform || placed.tenantId !== tenantId) throw new UnplaceableIdError(id);
}

export class RedisStore implements Store {
  readonly keys: RedisKeys;
  private readonly scripts: Scripts;
  private readonly dueIndex: RedisDueIndex;
  private readonly boards: RedisTeamBoards;

  /** The store owns the connection from here on: close() quits it. */
  constructor(
    private readonly redis: Redis | Cluster,
    options: RedisStoreOptions = {},
  ) {
    this.keys = new RedisKeys(options.prefix ?? DEFAULT_PREFIX, options.shardCount ?? DEFAULT_SHARD_COUNT);
    this.scripts = new Scripts(redis);
    this.dueIndex = new RedisDueIndex(redis, this.keys, this.scripts);
    this.boards = new RedisTeamBoards(redis, this.keys, this.scripts);
  }

  async ping(): Promise<void> {
    await guard(this.redis.ping());
  }

  async close(): Promise<void> {
    // quit() waits for replies in flight; when the connection is already gone, just drop it.
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  async getMember(id: string): Promise<Member | null> {
    const placed = placeId(id);
    if (!placed) return null;
    const text = await guard(this.redis.get(this.keys.member(id)));
    return text === null ? null : decodeMember(id, placed.platform, placed.tenantId, text);
  }

  async getMembers(ids: string[]): Promise<Array<Member | null>> {
    // Ids that cannot be members read as null without a key, as getMember does.
    const known = ids.flatMap((id) => {
      const placed = placeId(id);
      return placed ? [{ id, placed }] : [];
    });
    const texts = await runGrouped(this.redis, known, (entry) => entry.placed.tag, (group) =>
      guard(this.redis.mget(group.map((entry) => this.keys.member(entry.id)))),
    );
    const found = new Map(known.map(({ id, placed }, i) => [id, { placed, text: texts[i] ?? null }]));
    return ids.map((id) => {
      const entry = found.get(id);
      return entry?.text ? decodeMember(id, entry.placed.platform, entry.placed.tenantId, entry.text) : null;
    });
  }

  async putMember(member: Member): Promise<void> {
    requireOwnTenant(member.id, member.platform, member.tenantId);
    await guard(this.redis.set(this.keys.member(member.id), encodeMember(member)));
  }

  async enrolMembers(entries: MemberEnrolment[]): Promise<boolean[]> {
    // Every entry is checked before anything is written, so a bad one stores no record for the others either.
    const placed = entries.map(({ member, dueAt }) => {
      requireOwnTenant(member.id, member.platform, member.tenantId);
      if (dueAt !== null && !Number.isFinite(dueAt)) throw new Error('dueAt must be a finite number of ms');
      return { member, dueAt, tag: requirePlaced(member.id).tag };
    });
    const stored = await runGrouped(this.redis, placed, (entry) => entry.tag, async (group) => {
      const keys = group.map((entry) => this.keys.member(entry.member.id));
      // JSON never holds a raw line break, so the records travel as one argument, a line each.
      const records = group.map((entry) => encodeMember(entry.member)).join('\n');
      const replies = (await guard(this.scripts.run('putMembersIfAbsent', keys, [records]))) as number[];
      return replies.map((reply) => reply === 1);
    });
    // Only members this call stored get a due entry: an existing member's schedule is its own.
    const due = placed.flatMap(({ member, dueAt }, i) => (stored[i] && dueAt !== null ? [{ jobId: member.id, dueAt }] : []));
    await this.dueIndex.setMany(due);
    return stored;
  }

  updateMember(id: string, change: MemberChange): Promise<Member | null> {
    return this.updateOwned('member', id, change, (placed) => ({
      key: this.keys.member(id),
      decode: (text: string) => decodeMember(id, placed.platform, placed.tenantId, text),
      encode: encodeMember,
    }));
  }

  /**
   * Compare-and-set of a record a tenant owns (a member, a team) under `id`: an id no tenant owns has no record, and
   * storing one under it is refused like putMember/putTeam refuse it; a change returning another id or tenant is refused.
   */
  private async updateOwned<V extends { id: string; platform: Platform; tenantId: string }>(
    what: string,
    id: string,
    change: (value: V | null) => V | null,
    specOf: (placed: { platform: Platform; tenantId: string }) => Omit<CompareAndSet<V>, 'check'>,
  ): Promise<V | null> {
    const placed = placeId(id);
    if (!placed) {
      if (change(null) !== null) throw new UnplaceableIdError(id);
      return null;
    }
    const check = (value: V) => {
      if (value.id !== id) throw new Error(`a change of ${id} returned ${what} ${value.id}`);
      requireOwnTenant(value.id, value.platform, value.tenantId);
    };
    return updateString(this.redis, this.scripts, { ...specOf(placed), check }, change);
  }

  async forgetMember(id: string): Promise<void> {
    if (!placeId(id)) return;
    await forgetMember(this.redis, this.keys, id);
    await this.dueIndex.clear(id);
  }

  setDue(jobId: string, dueAt: number): Promise<void> {
    return this.dueIndex.set(jobId, dueAt);
  }

  clearDue(jobId: string): Promise<void> {
    return this.dueIndex.clear(jobId);
  }

  getDue(jobId: string): Promise<number | null> {
    return this.dueIndex.get(jobId);
  }

  claimDue(now: number, limit: number, leaseMs: number, token: string): Promise<Claim[]> {
    return this.dueIndex.claim(now, limit, leaseMs, token);
  }

  commitDueMany(token: string, commits: DueCommit[]): Promise<boolean[]> {
    return this.dueIndex.commitMany(token, commits);
  }

  extendLeases(token: string, jobIds: string[], deadline: number): Promise<boolean[]> {
    return this.dueIndex.extend(token, jobIds, deadline);
  }

  reapLeases(now: number): Promise<number> {
    return this.dueIndex.reap(now);
  }

  async markSent(jobId: string, slotAt: number, ttlMs: number): Promise<boolean> {
    requireJobId(jobId);
    const reply = await guard(this.redis.set(this.keys.sent(jobId, slotAt), '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX'));
    return reply === 'OK';
  }

  async sendMarkerOf(jobId: string, slotAt: number): Promise<string | null> {
    requireJobId(jobId);
    const value = await guard(this.redis.get(this.keys.sent(jobId, slotAt)));
    if (value === null) return null;
    // markSent's markers hold "1"; recordPromptSends' hold the prompt id.
    return value === '1' ? '' : value;
  }

  async recordPromptSends(inputs: PromptSendInput[]): Promise<boolean[]> {
    // Every input is checked before anything is sent, so a bad one takes no marker for the others either.
    for (const input of inputs) checkPromptSend(input);
    const replies = await runGrouped(this.redis, inputs, (input) => this.keys.tagOf(input.member.id), async (group) => {
      const k = this.keys;
      const keys: string[] = [];
      const args: Array<string | number> = [];
      for (const { prompt, member, recentChallengeIds, promptTtlMs, markerTtlMs } of group) {
        const promptTtl = Math.max(1, Math.ceil(promptTtlMs));
        keys.push(k.sent(member.id, prompt.slotAt), k.prompt(prompt.id), k.memberPrompts(member.id), k.member(member.id), k.activity(member.id));
        for (const teamId of member.teamIds) keys.push(k.teamTotals(teamId));
        args.push(Math.max(1, Math.ceil(markerTtlMs)), promptTtl, member.teamIds.length, encodePrompt(prompt), prompt.sentAt, k.restOf(prompt.id));
        args.push(encodeMember(member), encodeMember({ ...member, recentChallengeIds }), prompt.id);
      }
      return (await guard(this.scripts.run('recordPromptSends', keys, args))) as number[];
    });
    // The member changed since it was read: write only the send's field on the record as it is now.
    await Promise.all(
      inputs.map((input, i) =>
        replies[i] === 2 ? this.updateMember(input.member.id, (member) => member && { ...member, recentChallengeIds: input.recentChallengeIds }) : null,
      ),
    );
    return replies.map((reply) => reply !== 0);
  }

  async settlePromptSends(inputs: PromptSettleInput[]): Promise<void> {
    for (const input of inputs) requireJobId(input.markerId);
    await runGrouped(this.redis, inputs, (input) => this.keys.tagOf(input.prompt.id), async (group) => {
      const keys: string[] = [];
      const args: Array<string | number> = [];
      for (const { prompt, markerId, markerTtlMs } of group) {
        keys.push(this.keys.sent(markerId, prompt.slotAt), this.keys.prompt(prompt.id));
        args.push(Math.max(1, Math.ceil(markerTtlMs)), Object.keys(prompt.delivery).length > 0 ? encodePromptBody(prompt) : '');
      }
      await guard(this.scripts.run('settlePromptSends', keys, args));
      return group.map(() => undefined);
    });
  }

  async putPrompt(prompt: Prompt, ttlMs: number): Promise<void> {
    requireOwnTenant(prompt.id, prompt.platform, prompt.tenantId);
    const ttl = Math.max(1, Math.ceil(ttlMs));
    const tx = this.redis.multi().set(this.keys.prompt(prompt.id), encodePrompt(prompt), 'PX', ttl);
    if (prompt.memberId !== '') {
      requireOneTenant([prompt.id, prompt.memberId]);
      // The member's prompt list lets forget find this prompt; entries past their expiry are dropped as we go.
      const list = this.keys.memberPrompts(prompt.memberId);
      tx.zremrangebyscore(list, '-inf', `(${prompt.sentAt}`).zadd(list, prompt.sentAt + ttl, this.keys.restOf(prompt.id));
    }
    await execTransaction(tx);
  }

  async getPrompt(id: string): Promise<Prompt | null> {
    const placed = placeId(id);
    if (!placed) return null;
    const text = await guard(this.redis.get(this.keys.prompt(id)));
    return text === null ? null : decodePrompt(id, placed.platform, placed.tenantId, text);
  }

  async setPromptStatus(id: string, status: PromptStatus): Promise<PromptStatus | null> {
    if (!placeId(id)) return null;
    const reply = await guard(this.scripts.run('setPromptStatus', [this.keys.prompt(id)], [statusChar(status), CHANGEABLE_STATUSES]));
    if (scriptFailure(reply) === 'not-found') return null;
    return statusFromChar(String(reply));
  }

  async setPromptDelivery(id: string, delivery: Record<string, string>): Promise<void> {
    const prompt = await this.getPrompt(id);
    if (!prompt) return;
    // The script keeps whatever status the prompt has by then, so a click in between is not undone.
    await guard(this.scripts.run('setPromptBody', [this.keys.prompt(id)], [encodePromptBody({ ...prompt, delivery })]));
  }

  async swapPromptChallenge(swapped: Prompt, fromChallengeId: string, maxSwaps: number): Promise<SwapStoreResult> {
    if (!placeId(swapped.id)) return 'not-found';
    const reply = await guard(this.scripts.run('swapPromptChallenge', [this.keys.prompt(swapped.id)], [fromChallengeId, encodePromptBody(swapped), maxSwaps]));
    const failure = scriptFailure(reply);
    if (failure === 'stale-claim') throw new Error('swapPromptChallenge answered with a claim failure');
    return failure ?? 'swapped';
  }

  async recordCompletion(input: CompletionInput): Promise<CompletionResult> {
    const k = this.keys;
    requireOneTenant([input.promptId, input.memberId, ...input.teams.map((team) => team.teamId)]);
    const isTeamPrompt = input.teamPromptId !== null;
    const keys = [k.done(input.promptId, input.memberId), k.activity(input.memberId), k.memberPrompts(input.memberId), k.joiners(input.teamPromptId ?? input.promptId), k.prompt(input.promptId)];
    const args: Array<string | number> = [
      input.memberId,
      dayField(input.day),
      weekField(input.weekKey),
      input.dailyCap,
      DONE_MARKER_TTL_MS,
      k.restOf(input.promptId),
      input.now,
      isTeamPrompt ? '1' : '0',
      TEAM_DAY_COMPLETERS_TTL_MS,
      input.onDemandCap ?? '',
      dayPointsField(input.day),
      onDemandPointsField(input.day),
      input.closePrompt === true ? statusChar('done') : '',
      CHANGEABLE_STATUSES,
    ];
    for (const team of input.teams) {
      keys.push(
        k.teamDays(team.teamId),
        k.teamDayCompleters(team.teamId, team.day),
        k.weekBoard(team.teamId, team.weekKey),
        k.teamWeeks(team.teamId),
        k.teamTotals(team.teamId),
        k.roster(team.teamId),
      );
      args.push(teamCompletersField(team.day), teamActiveField(team.day), team.activeMembers, team.weekKey);
    }
    const [counted, awarded, todayCount, joinedCount, activity] = (await guard(this.scripts.run('recordCompletion', keys, args))) as [number, number, number, number, string[]];
    return { counted: counted === 1, pointAwarded: awarded === 1, todayCount, joinedCount, activity: readActivity(hashOfPairs(activity)) };
  }

  async recordPromptSent(memberId: string, teamIds: string[], platform: Platform, tenantId: string): Promise<void> {
    requireOwnTenant(memberId, platform, tenantId);
    requireOneTenant([memberId, ...teamIds]);
    const tx = this.redis.multi().hincrby(this.keys.activity(memberId), ACTIVITY.promptsSent, 1);
    for (const teamId of teamIds) tx.hincrby(this.keys.teamTotals(teamId), TEAM_TOTALS.promptsSent, 1);
    await execTransaction(tx);
  }

  async getActivity(memberId: string): Promise<MemberActivity> {
    const hash = placeId(memberId) ? await guard(this.redis.hgetall(this.keys.activity(memberId))) : {};
    return readActivity(hash);
  }

  async putTeam(team: Team): Promise<void> {
    requireOwnTenant(team.id, team.platform, team.tenantId);
    const tx = this.redis.multi().set(this.keys.team(team.id), JSON.stringify(team)).sadd(this.keys.tenantTeams(team.platform, team.tenantId), team.id);
    await execTransaction(tx);
  }

  updateTeam(id: string, change: TeamChange): Promise<Team | null> {
    return this.updateOwned('team', id, change, (placed) => ({
      key: this.keys.team(id),
      decode: (text: string) => JSON.parse(text) as Team,
      encode: (team: Team) => JSON.stringify(team),
      // A team stored here joins its tenant's list (listTeams) in the same step.
      alsoAdd: { set: this.keys.tenantTeams(placed.platform, placed.tenantId), member: id },
    }));
  }

  async getTeam(id: string): Promise<Team | null> {
    if (!placeId(id)) return null;
    const text = await guard(this.redis.get(this.keys.team(id)));
    return text === null ? null : (JSON.parse(text) as Team);
  }

  async listTeams(platform: Platform, tenantId: string): Promise<Team[]> {
    const ids = await guard(this.redis.smembers(this.keys.tenantTeams(platform, tenantId)));
    if (ids.length === 0) return [];
    const texts = await guard(this.redis.mget(ids.map((id) => this.keys.team(id))));
    return texts
      .filter((text): text is string => text !== null)
      .map((text) => JSON.parse(text) as Team)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async addTeamMember(teamId: string, memberId: string): Promise<void> {
    requireOneTenant([teamId, memberId]);
    await guard(this.redis.sadd(this.keys.roster(teamId), memberId));
  }

  async addTeamMembers(additions: ReadonlyArray<RosterAddition>): Promise<void> {
    for (const { teamId, memberIds } of additions) requireOneTenant([teamId, ...memberIds]);
    const nonEmpty = additions.filter((addition) => addition.memberIds.length > 0);
    // A pipeline: one socket write for every roster (per tenant on a Cluster), not one per team.
    await runGrouped(this.redis, nonEmpty, (addition) => this.keys.tagOf(addition.teamId), async (group) => {
      const pipeline = this.redis.pipeline();
      for (const { teamId, memberIds } of group) pipeline.sadd(this.keys.roster(teamId), ...memberIds);
      await execTransaction(pipeline);
      return group.map(() => undefined);
    });
  }

  async removeTeamMember(teamId: string, memberId: string): Promise<void> {
    if (!placeId(teamId)) return;
    await guard(this.redis.srem(this.keys.roster(teamId), memberId));
  }

  async teamMemberIds(teamId: string): Promise<string[]> {
    if (!placeId(teamId)) return [];
    return (await guard(this.redis.smembers(this.keys.roster(teamId)))).sort();
  }

  async countTeamMembers(teamId: string): Promise<number> {
    if (!placeId(teamId)) return 0;
    return guard(this.redis.scard(this.keys.roster(teamId)));
  }

  async getTeamDays(teamId: string): Promise<Record<string, TeamDay>> {
    if (!placeId(teamId)) return {};
    return readTeamDays(await guard(this.redis.hgetall(this.keys.teamDays(teamId))));
  }

  async getTeamTotals(teamId: string): Promise<TeamTotals> {
    if (!placeId(teamId)) return readTeamTotals({});
    return readTeamTotals(await guard(this.redis.hgetall(this.keys.teamTotals(teamId))));
  }

  async teamWeekBoard(teamId: string, weekKey: string): Promise<WeekBoardEntry[]> {
    if (!placeId(teamId)) return [];
    const flat = await guard(this.redis.zrange(this.keys.weekBoard(teamId, weekKey), 0, '-1', 'WITHSCORES'));
    const entries: WeekBoardEntry[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) entries.push({ memberId: flat[i] as string, points: Number(flat[i + 1]) });
    // Highest first; ties by member id, the same order as the memory store.
    return entries.sort((a, b) => b.points - a.points || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  }

  async forgetTeam(teamId: string): Promise<void> {
    if (!placeId(teamId)) return;
    await forgetTeam(this.redis, this.keys, teamId);
    await this.dueIndex.clear(jobId({ kind: 'team', teamId }));
    await this.dueIndex.clear(jobId({ kind: 'digest', teamId }));
  }

  async putBoardEntry(teamId: string, memberId: string, entry: BoardEntryInput): Promise<void> {
    requireOneTenant([teamId, memberId]);
    await this.boards.put(teamId, memberId, entry);
  }

  async removeBoardEntry(teamId: string, memberId: string): Promise<void> {
    if (!placeId(teamId)) return;
    await this.boards.remove(teamId, memberId);
  }

  async readBoard(teamId: string, query: BoardQuery): Promise<BoardPage> {
    if (!placeId(teamId)) return { top: [], viewer: null, total: 0, rosterSize: 0 };
    return this.boards.read(teamId, query);
  }

  async reserveSend(limiterKey: string, perSecond: number, now: number): Promise<number> {
    const reply = await guard(
      this.scripts.run('reserveSend', [this.keys.limiter(limiterKey)], [now, sendIntervalMs(perSecond), burstWindowMs(perSecond)]),
    );
    return Number(reply);
  }

  async holdSends(limiterKey: string, perSecond: number, now: number, until: number): Promise<void> {
    await guard(
      this.scripts.run('holdSends', [this.keys.limiter(limiterKey)], [now, until, sendIntervalMs(perSecond), burstWindowMs(perSecond)]),
    );
  }

  async putRecord(kind: string, id: string, value: string, ttlMs?: number): Promise<void> {
    const key = this.keys.record(kind, id);
    if (ttlMs === undefined) await guard(this.redis.set(key, value));
    else await guard(this.redis.set(key, value, 'PX', Math.max(1, Math.ceil(ttlMs))));
  }

  async getRecord(kind: string, id: string): Promise<string | null> {
    return guard(this.redis.get(this.keys.record(kind, id)));
  }

  async putRecordIfAbsent(kind: string, id: string, value: string, ttlMs: number): Promise<boolean> {
    const reply = await guard(this.redis.set(this.keys.record(kind, id), value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX'));
    return reply === 'OK';
  }

  async deleteRecord(kind: string, id: string): Promise<void> {
    await guard(this.redis.del(this.keys.record(kind, id)));
  }

  updateRecord(kind: string, id: string, change: (value: string | null) => string | null): Promise<string | null> {
    const spec = { key: this.keys.record(kind, id), decode: (text: string) => text, encode: (text: string) => text };
    return updateString(this.redis, this.scripts, spec, change);
  }

}

/** What one prompt send must satisfy: its member, prompt and teams all in one tenant, the prompt addressed to the member. */
function checkPromptSend({ prompt, member }: PromptSendInput): void {
  requireOwnTenant(member.id, member.platform, member.tenantId);
  requireOwnTenant(prompt.id, prompt.platform, prompt.tenantId);
  if (prompt.memberId !== member.id) throw new Error(`prompt ${prompt.id} is not addressed to ${member.id}`);
  requireOneTenant([prompt.id, member.id, ...member.teamIds]);
}
