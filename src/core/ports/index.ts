// The ports the core needs from the outside world. Adapters implement them; the core never imports an adapter.
import type {
  Member,
  MemberActivity,
  Platform,
  Prompt,
  PromptStatus,
  Team,
  TeamDay,
  TeamTotals,
  Unreachable,
  UnreachableReason,
} from '../model.ts';
import type { PromptView, TeamPromptView, DigestView } from '../views.ts';

export interface Clock {
  now(): number;
}

export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** A due member handed to one scheduler instance until its lease ends. */
export interface Claim {
  memberId: string;
  /** The due instant (score in the due index), epoch ms. */
  dueAt: number;
}

/** A handled claim's outcome for commitDueMany: the job's next due instant, or null to drop it. */
export interface DueCommit {
  memberId: string;
  nextDueAt: number | null;
}

export interface TeamCompletionInput {
  teamId: string;
  /** Local day in the team's zone. */
  day: string;
  /** ISO week key in the team's zone, e.g. 2026-W48. */
  weekKey: string;
  /** The team's active member count now, kept with the day for the team streak rule. */
  activeMembers: number;
}

export interface CompletionInput {
  promptId: string;
  memberId: string;
  platform: Platform;
  tenantId: string;
  /** Local day and week in the member's zone. */
  day: string;
  weekKey: string;
  /** Points a member can earn in one local day. */
  dailyCap: number;
  /** The team of a team prompt: its joined count goes up. */
  teamPromptId: string | null;
  teams: TeamCompletionInput[];
  now: number;
}

export interface CompletionResult {
  /** false when this member had already completed this prompt: nothing changed. */
  counted: boolean;
  /** true when a point was added (under the daily cap). */
  pointAwarded: boolean;
  /** Completions by the member on that local day, after this one. */
  todayCount: number;
  /** For a team prompt: distinct members who have completed it. */
  joinedCount: number;
}

/** A slot's prompt just before it is sent: recordPromptSends stores it once per (member, slot). */
export interface PromptSendInput {
  /** The personal prompt, in the member's tenant; its slotAt names the slot whose send marker is taken. */
  prompt: Prompt;
  /** How long the prompt is kept. */
  promptTtlMs: number;
  /** The member as it should be stored with this send (e.g. its recent challenges); written as given. */
  member: Member;
  /** How long the send marker of (member, prompt.slotAt) is kept: the same marker markSent takes. */
  markerTtlMs: number;
}

/** A sent slot's outcome, kept once the platform has answered (or failed): settlePromptSends records it. */
export interface PromptSettleInput {
  /** The prompt as sent; its delivery (message ids), when not empty, is kept on the stored prompt. */
  prompt: Prompt;
  /** Names the settled marker taken for (markerId, prompt.slotAt), the same marker markSent takes. */
  markerId: string;
  markerTtlMs: number;
}

export interface WeekBoardEntry {
  memberId: string;
  points: number;
}

/** What a team board keeps of one member besides the points, which the store reads from the team's week board. */
export interface BoardEntryInput {
  /** The member's streak now. */
  streak: number;
  /** From this instant (epoch ms) the streak reads as 0 (the store drops it then); null when the streak is 0. */
  aliveUntil: number | null;
  /** The team's week now (team zone): the points are this week's. */
  weekKey: string;
}

/** One member's place on a team board: streak, then the week's points; equal both share a rank (1, 1, 3). */
export interface BoardRow {
  memberId: string;
  streak: number;
  weekPoints: number;
  rank: number;
}

export interface BoardQuery {
  /** The team's week now (team zone): a board still holding an older week starts this one (points from its week board). */
  weekKey: string;
  /** Streaks whose aliveUntil is at or before now read as 0. */
  now: number;
  viewerId: string | null;
  /** How many rows from the top; null for every row. */
  limit: number | null;
}

export interface BoardPage {
  /** Best first; equal rows by member id. */
  top: BoardRow[];
  /** The viewer's own row wherever it is, or null when the viewer is not on the board. */
  viewer: BoardRow | null;
  /** Members on the board. */
  total: number;
  /** Members on the team's roster: differs from total only when the board is out of step. */
  rosterSize: number;
}

/**
 * Persistent state. Every implementation passes tests/contract/store.contract.ts.
 * Operations that must be atomic say so; the Redis store does them in one Lua script.
 */
export interface Store {
  ping(): Promise<void>;
  close(): Promise<void>;

  getMember(id: string): Promise<Member | null>;
  /** getMember for many ids in one call: one answer per id, in order, null where there is no member. */
  getMembers(ids: string[]): Promise<Array<Member | null>>;
  putMember(member: Member): Promise<void>;
  /** Deletes everything about the member: record, due entry, prompts' done markers, activity, team and board entries. */
  forgetMember(id: string): Promise<void>;

  /** Due index: one entry per member, score = due instant. */
  setDue(memberId: string, dueAt: number): Promise<void>;
  clearDue(memberId: string): Promise<void>;
  getDue(memberId: string): Promise<number | null>;
  /** Atomic: moves up to `limit` members with dueAt <= now to in-flight with lease now+leaseMs and this token. */
  claimDue(now: number, limit: number, leaseMs: number, token: string): Promise<Claim[]>;
  /** Atomic: only if the member's claim still carries `token`: ends the claim and sets the next due (null removes it). */
  commitDue(memberId: string, token: string, nextDueAt: number | null): Promise<boolean>;
  /** commitDue for several claims in one call, each atomic and fenced on its own; one result per commit, in order. */
  commitDueMany(token: string, commits: DueCommit[]): Promise<boolean[]>;
  /** Atomic: returns members whose lease ended before `now` to the due index at their old due time. */
  reapLeases(now: number): Promise<number>;
  /** SET NX per (member, slot): true only for the first caller. Kept for ttlMs. */
  markSent(memberId: string, slotAt: number, ttlMs: number): Promise<boolean>;

  putPrompt(prompt: Prompt, ttlMs: number): Promise<void>;
  getPrompt(id: string): Promise<Prompt | null>;
  /** Atomic: sets the status only while the prompt is open (or snoozed); returns the status now held. */
  setPromptStatus(id: string, status: PromptStatus): Promise<PromptStatus | null>;
  /** Updates a prompt's delivery data (message ids) without touching its status. */
  setPromptDelivery(id: string, delivery: Record<string, string>): Promise<void>;

  /** Atomic: done marker SET NX for (prompt, member); only then points, day count, week boards and team days. */
  recordCompletion(input: CompletionInput): Promise<CompletionResult>;
  /**
   * For each send on its own, atomically: takes the send marker of (member, prompt.slotAt) as markSent does and, only
   * when it was taken, stores the prompt (as putPrompt), the member (as putMember) and counts one prompt sent (as
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
  getActivity(memberId: string): Promise<MemberActivity>;

  putTeam(team: Team): Promise<void>;
  getTeam(id: string): Promise<Team | null>;
  listTeams(platform: Platform, tenantId: string): Promise<Team[]>;
  /** Adds the member to the team's roster. */
  addTeamMember(teamId: string, memberId: string): Promise<void>;
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

  /**
   * Team board (one per team, holding the roster's members): sets the member's streak and aliveUntil, with points read
   * from the team's week board of `entry.weekKey`. Atomic; a newer week key moves the whole board to that week first.
   */
  putBoardEntry(teamId: string, memberId: string, entry: BoardEntryInput): Promise<void>;
  removeBoardEntry(teamId: string, memberId: string): Promise<void>;
  /** Atomic: drops streaks that ran out by `now`, moves to a newer week, then reads the top rows and the viewer's rank. */
  readBoard(teamId: string, query: BoardQuery): Promise<BoardPage>;

  /**
   * Shared rate limiter (one per platform tenant, all instances): reserves one send and returns how many ms
   * the caller must wait before sending (0 = now). `perSecond` sends per second at most.
   */
  reserveSend(limiterKey: string, perSecond: number, now: number): Promise<number>;
  /** After a platform's Retry-After: no reservation made from now on gets a slot before `until`, on any instance. */
  holdSends(limiterKey: string, perSecond: number, now: number, until: number): Promise<void>;

  /** Small opaque records adapters keep (installations, conversation references). Values are stored as given. */
  putRecord(kind: string, id: string, value: string, ttlMs?: number): Promise<void>;
  getRecord(kind: string, id: string): Promise<string | null>;
  /** Atomic putRecord only when there is no such record: true for the first caller ("greet once", "first delivery wins"). */
  putRecordIfAbsent(kind: string, id: string, value: string, ttlMs: number): Promise<boolean>;
  deleteRecord(kind: string, id: string): Promise<void>;
}

/** A receipt from the platform: where the message went, kept on the prompt for in-place updates. */
export type Delivery = Record<string, string>;

/** One per platform: how the scheduler and the service reach people. */
export interface Messenger {
  readonly platform: Platform;
  sendPrompt(member: Member, view: PromptView): Promise<Delivery>;
  sendTeamPrompt(team: Team, view: TeamPromptView): Promise<Delivery>;
  sendDigest(team: Team, view: DigestView): Promise<void>;
  /**
   * Optional: for each due slot, why its member cannot be reached now (Do Not Disturb, a meeting, out of office...) and
   * until when, or null for "reachable". Asked once per claimed batch and platform, so a platform with a batch API
   * reads it in few calls. One answer per query, in order; a failed look-up answers null (a prompt is never blocked).
   */
  reachability?(queries: ReachabilityQuery[]): Promise<Array<Unreachable | null>>;
}

/** One due slot whose member's reachability is asked. */
export interface ReachabilityQuery {
  member: Member;
  slotAt: number;
}

/** Counters the core moves; the HTTP layer exposes them as Prometheus metrics. */
export interface CoreMetrics {
  promptSent(platform: Platform): void;
  completion(platform: Platform): void;
  /** A send marker was taken but the platform call failed: counted, never resent. */
  deliveryFailed(platform: Platform): void;
  /** A send marker was found taken but never settled (its instance died mid-send): counted once, never resent. */
  deliveryUnknown(platform: Platform): void;
  /** A slot's prompt waits because the member cannot be reached now. */
  promptHeld(platform: Platform, reason: UnreachableReason): void;
  /** A slot is dropped because the member cannot be reached before its window closes, or is away. */
  promptSkipped(platform: Platform, reason: UnreachableReason): void;
}

export const noMetrics: CoreMetrics = {
  promptSent: () => undefined,
  completion: () => undefined,
  deliveryFailed: () => undefined,
  deliveryUnknown: () => undefined,
  promptHeld: () => undefined,
  promptSkipped: () => undefined,
};
