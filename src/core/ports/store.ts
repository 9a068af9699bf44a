// Persistent state, split by role: a use case names only the roles it uses (see context.ts `CoreContext<S>`).
// Every implementation passes tests/contract/store.contract.ts. Operations that must be atomic say so; the Redis
// store does them in one Lua script.
import type { Member, MemberActivity, Platform, Prompt, PromptStatus, Team, TeamDay, TeamTotals } from '../model.ts';
import type {
  BoardEntryInput,
  BoardPage,
  BoardQuery,
  Claim,
  CompletionInput,
  CompletionResult,
  DueCommit,
  MemberEnrolment,
  PromptSendInput,
  RosterAddition,
  PromptSettleInput,
  SwapStoreResult,
  WeekBoardEntry,
} from './store-types.ts';

/** A pure change of a stored member: may run more than once (see MemberStore.updateMember). */
export type MemberChange = (member: Member | null) => Member | null;
/** A pure change of a stored team (see TeamStore.updateTeam). */
export type TeamChange = (team: Team | null) => Team | null;
/** How many times a read-modify-write is tried before ConflictError: each round at least one writer wins. */
export const UPDATE_ATTEMPTS = 12;

/** The connection itself: health checks and shutdown. */
export interface StoreLifecycle {
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Members' records and their activity counters. */
export interface MemberStore {
  getMember(id: string): Promise<Member | null>;
  /** getMember for many ids in one call: one answer per id, in order, null where there is no member. */
  getMembers(ids: string[]): Promise<Array<Member | null>>;
  putMember(member: Member): Promise<void>;
  /**
   * Bulk enrolment (an install, an import), each entry on its own: stores the member only when no member is stored
   * under its id (an existing one is left exactly as it is), and only then sets its due entry to `dueAt` as setDue
   * does (null: none). One result per entry, in order: true when this call stored it. The record and the due entry are
   * two steps (they live in different Cluster slots): a crash between them leaves a stored member without its entry.
   * Each call is one step in Redis, so callers send chunks (hundreds, not the whole import).
   */
  enrolMembers(entries: MemberEnrolment[]): Promise<boolean[]>;
  /**
   * Read-modify-write with no lost update: `change` gets the stored member (null when there is none) and returns the
   * member to store, or null to store nothing. When another write lands between the read and the write, the change
   * runs again on the newer record (so it must be a pure function of its argument), a few times at most, then
   * ConflictError. Anything `change` throws is thrown here and nothing is written. Returns the member as stored
   * afterwards (the one read when `change` returned null).
   */
  updateMember(id: string, change: MemberChange): Promise<Member | null>;
  /** Deletes everything about the member: record, due entry, prompts' done markers, activity, team and board entries. */
  forgetMember(id: string): Promise<void>;
  getActivity(memberId: string): Promise<MemberActivity>;
}

/** The due index: one entry per job (a member's next prompt, a team's challenge or digest), score = due instant. */
export interface DueIndex {
  setDue(jobId: string, dueAt: number): Promise<void>;
  clearDue(jobId: string): Promise<void>;
  /** The job's due instant (a claimed job's: the instant it was claimed at), or null when it is not scheduled. */
  getDue(jobId: string): Promise<number | null>;
  /** Atomic: moves up to `limit` jobs with dueAt <= now to in-flight with lease now+leaseMs and this token. */
  claimDue(now: number, limit: number, leaseMs: number, token: string): Promise<Claim[]>;
  /**
   * For several claims in one call, each atomic and fenced on its own: only if the job's claim still carries `token`,
   * ends the claim and sets the next due (null removes it). One result per commit, in order.
   */
  commitDueMany(token: string, commits: DueCommit[]): Promise<boolean[]>;
  /**
   * For each job on its own, fenced like commitDueMany: only while its claim still carries `token`, moves its lease
   * deadline to `deadline` (a claim whose send waits its turn at the rate limiter is not reaped). One result per job.
   */
  extendLeases(token: string, jobIds: string[], deadline: number): Promise<boolean[]>;
  /** Atomic: returns jobs whose lease ended before `now` to the due index at their old due time. */
  reapLeases(now: number): Promise<number>;
}

/** Prompts, their send markers and the sends' bookkeeping. */
export interface PromptStore {
  /** SET NX per (job, slot): true only for the first caller. Kept for ttlMs. */
  markSent(jobId: string, slotAt: number, ttlMs: number): Promise<boolean>;
  /**
   * Who holds the send marker of (job, slot): the id of the prompt recordPromptSends took it for, "" for a marker
   * taken by markSent (no prompt), null when it is not taken.
   */
  sendMarkerOf(jobId: string, slotAt: number): Promise<string | null>;
  putPrompt(prompt: Prompt, ttlMs: number): Promise<void>;
  getPrompt(id: string): Promise<Prompt | null>;
  /** Atomic: sets the status only while the prompt is open (or snoozed); returns the status now held. */
  setPromptStatus(id: string, status: PromptStatus): Promise<PromptStatus | null>;
  /** Updates a prompt's delivery data (message ids) without touching its status. */
  setPromptDelivery(id: string, delivery: Record<string, string>): Promise<void>;
  /**
   * Atomic: puts `swapped` (same id, another challenge, swaps one more) in place of the stored prompt, keeping its
   * TTL, only while it is open, still shows `fromChallengeId` and has fewer than `maxSwaps` swaps.
   */
  swapPromptChallenge(swapped: Prompt, fromChallengeId: string, maxSwaps: number): Promise<SwapStoreResult>;
  /**
   * For each send on its own, atomically: takes the send marker of (member, prompt.slotAt) as markSent does (holding
   * the prompt's id, see sendMarkerOf) and, only when it was taken, stores the prompt (as putPrompt), the member's
   * recentChallengeIds (that field only: a settings change stored meanwhile is kept; nothing when the member is gone)
   * and counts one prompt sent (as
   * recordPromptSent, member and teams). One result per input, in order: true when this caller took the marker; false
   * changes nothing for that send. A batch holding an invalid send is refused whole.
   */
  recordPromptSends(inputs: PromptSendInput[]): Promise<boolean[]>;
  /**
   * For each input: takes the marker (markerId, prompt.slotAt) as markSent does and, when prompt.delivery is not
   * empty, keeps it on the stored prompt as setPromptDelivery does (status untouched). Each input on its own.
   */
  settlePromptSends(inputs: PromptSettleInput[]): Promise<void>;
  /** Counts one prompt sent to the member and to each of the teams. */
  recordPromptSent(memberId: string, teamIds: string[], platform: Platform, tenantId: string): Promise<void>;
  /** Atomic: done marker SET NX for (prompt, member); only then points, day count, week boards and team days. */
  recordCompletion(input: CompletionInput): Promise<CompletionResult>;
}

/** Teams: records, rosters, team days and totals. */
export interface TeamStore {
  putTeam(team: Team): Promise<void>;
  /** Read-modify-write of a team record with no lost update, as updateMember; a team stored here joins listTeams. */
  updateTeam(id: string, change: TeamChange): Promise<Team | null>;
  getTeam(id: string): Promise<Team | null>;
  listTeams(platform: Platform, tenantId: string): Promise<Team[]>;
  /** Adds the member to the team's roster. */
  addTeamMember(teamId: string, memberId: string): Promise<void>;
  /** addTeamMember for many members of many teams (each team with members of its own tenant), in one round trip. */
  addTeamMembers(additions: ReadonlyArray<RosterAddition>): Promise<void>;
  removeTeamMember(teamId: string, memberId: string): Promise<void>;
  teamMemberIds(teamId: string): Promise<string[]>;
  /** The roster size (active members), without reading the roster. */
  countTeamMembers(teamId: string): Promise<number>;
  /** Team days, YYYY-MM-DD -> record. */
  getTeamDays(teamId: string): Promise<Record<string, TeamDay>>;
  getTeamTotals(teamId: string): Promise<TeamTotals>;
  /** Points of each member in that week, highest first. */
  teamWeekBoard(teamId: string, weekKey: string): Promise<WeekBoardEntry[]>;
  /**
   * Deletes everything about the team: record, tenant team index entry, roster, board, team days and day completers,
   * week boards, totals, its due jobs (team challenge and digest). Its team prompts, their joiner sets and its send
   * markers are left to expire with their lifetimes (prompts 8 days, joiners 10); members' own records are not changed.
   */
  forgetTeam(teamId: string): Promise<void>;
}

/** Team boards: one per team, ranked by streak then the week's points. */
export interface BoardStore {
  /**
   * Sets the member's streak and aliveUntil, with points read from the team's week board of `entry.weekKey`.
   * Atomic; a newer week key moves the whole board to that week first.
   */
  putBoardEntry(teamId: string, memberId: string, entry: BoardEntryInput): Promise<void>;
  removeBoardEntry(teamId: string, memberId: string): Promise<void>;
  /** Atomic: drops streaks that ran out by `now`, moves to a newer week, then reads the top rows and the viewer's rank. */
  readBoard(teamId: string, query: BoardQuery): Promise<BoardPage>;
}

/** One rate limiter per platform tenant, shared by all instances. */
export interface SendLimiter {
  /** Reserves one send and returns how many ms the caller must wait before sending (0 = now). `perSecond` at most. */
  reserveSend(limiterKey: string, perSecond: number, now: number): Promise<number>;
  /** After a platform's Retry-After: no reservation made from now on gets a slot before `until`, on any instance. */
  holdSends(limiterKey: string, perSecond: number, now: number, until: number): Promise<void>;
}

/** Small opaque records adapters keep (installations, conversation references). Values are stored as given. */
export interface RecordStore {
  putRecord(kind: string, id: string, value: string, ttlMs?: number): Promise<void>;
  getRecord(kind: string, id: string): Promise<string | null>;
  /** Atomic putRecord only when there is no such record: true for the first caller ("greet once", "first delivery wins"). */
  putRecordIfAbsent(kind: string, id: string, value: string, ttlMs: number): Promise<boolean>;
  deleteRecord(kind: string, id: string): Promise<void>;
  /**
   * Read-modify-write of a record with no lost update, as updateMember: `change` gets the value (null when absent) and
   * returns the new value, or null to store nothing. The record keeps its lifetime. Returns the value stored after.
   */
  updateRecord(kind: string, id: string, change: (value: string | null) => string | null): Promise<string | null>;
}

/** Every role: what both stores implement and what the composition root hands to the core and adapters. */
export interface Store
  extends StoreLifecycle,
    MemberStore,
    DueIndex,
    PromptStore,
    TeamStore,
    BoardStore,
    SendLimiter,
    RecordStore {}
