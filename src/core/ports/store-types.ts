// The plain data the store roles take and return.
import type { Member, MemberActivity, Platform, Prompt } from '../model.ts';

/** A due job (a member's prompt, a team's challenge or digest) handed to one scheduler instance until its lease ends. */
export interface Claim {
  jobId: string;
  /** The due instant (score in the due index), epoch ms. */
  dueAt: number;
}

/** A member to enrol in bulk (enrolMembers): the record to store if none is, and its first due instant (null: none). */
export interface MemberEnrolment {
  member: Member;
  dueAt: number | null;
}

/** Members joining one team's roster (addTeamMembers). */
export interface RosterAddition {
  teamId: string;
  memberIds: string[];
}

/** A handled claim's outcome for commitDueMany: the job's next due instant, or null to drop it. */
export interface DueCommit {
  jobId: string;
  nextDueAt: number | null;
}

export interface TeamCompletionInput {
  teamId: string;
  /** Local day in the team's zone. */
  day: string;
  /** ISO week key in the team's zone, e.g. 2026-W48. */
  weekKey: string;
  /** The day's denominator for the team streak rule: roster members not away that day (core/people/team-facts.ts). */
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
  /** For an on-demand ("now") break: the points such breaks can earn in one local day (within dailyCap). Absent otherwise. */
  onDemandCap?: number;
  /** The team of a team prompt: its joined count goes up. */
  teamPromptId: string | null;
  teams: TeamCompletionInput[];
  now: number;
  /** true: the prompt's status becomes done as setPromptStatus(promptId, 'done') would (a personal prompt's Done). */
  closePrompt?: boolean;
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
  /** The member's activity after this completion, as getActivity would read it. */
  activity: MemberActivity;
}

/** A slot's prompt just before it is sent: recordPromptSends stores it once per (member, slot). */
export interface PromptSendInput {
  /** The personal prompt, in the member's tenant; its slotAt names the slot whose send marker is taken. */
  prompt: Prompt;
  /** How long the prompt is kept. */
  promptTtlMs: number;
  /** The member as read for this send: its id and teams are counted; its record is never written whole. */
  member: Member;
  /**
   * The member's recent challenges with this prompt's remembered: the one field of the member record the send writes,
   * so a settings change stored since `member` was read is kept.
   */
  recentChallengeIds: string[];
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


/** What a swap found: done, or why the prompt was left as it was. */
export type SwapStoreResult = 'swapped' | 'not-found' | 'closed' | 'changed' | 'limit';
