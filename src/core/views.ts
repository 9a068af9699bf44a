// Platform-neutral views. Adapters render these as Block Kit, Adaptive Cards or HTML; the core never renders markup.
import type { Challenge, MeetingsPreference, Schedule, ChallengeTag } from './model.ts';

export interface PromptView {
  promptId: string;
  challenge: Challenge;
  /** Local "HH:MM" of the slot, for the header line. */
  localTime: string;
  snoozeMinutes: readonly number[];
  expiresAt: number;
  /** The challenge's picture: its path on this server and one sentence of alt text. */
  picture?: { path: string; alt: string };
}

export interface TeamPromptView extends PromptView {
  teamId: string;
  teamName: string;
  joinedCount: number;
}

export type ClickOutcome =
  | 'done'
  | 'already-done'
  | 'snoozed'
  | 'skipped'
  | 'already-closed'
  | 'not-yours'
  | 'expired'
  | 'not-found'
  /** Swap: the same prompt now shows another challenge (see ClickResultView.swappedTo). */
  | 'swapped'
  /** Swap refused: this prompt was swapped the most times allowed. */
  | 'swap-limit'
  /** Swap refused: no other challenge fits the member's band and avoid settings. */
  | 'no-other';

/** What a click on Done / Snooze / Skip returns: the text to show and the figures for the in-place update. */
export interface ClickResultView {
  outcome: ClickOutcome;
  promptId: string;
  /** One short sentence for the person who clicked. */
  message: string;
  challengeTitle: string | null;
  /** Present after a Done: the member's figures. */
  todayCount: number | null;
  streak: number | null;
  pointAwarded: boolean;
  /** Team rank line, e.g. "2nd of 7 in #design", when the member is in a team. */
  teamRank: string | null;
  /** For a team prompt: how many have joined. */
  joinedCount: number | null;
  /** After a swap: the same prompt (id, slot) with its new challenge, to show in place of the old one. */
  swappedTo?: PromptView;
  snoozedUntil: number | null;
}

export interface MemberBoardRow {
  rank: number;
  memberId: string;
  displayName: string;
  streak: number;
  weekPoints: number;
  isViewer: boolean;
}

export interface TeamBoardRow {
  rank: number;
  teamId: string;
  teamName: string;
  streak: number;
  /** completions / prompts sent, 0..1 (can be 0 when nothing was sent). */
  participation: number;
  isViewersTeam: boolean;
}

export interface LeaderboardView {
  teamId: string;
  teamName: string;
  weekKey: string;
  rows: MemberBoardRow[];
  /** The team's place among the workspace's or tenant's teams. */
  teamRank: TeamBoardRow | null;
  teamCount: number;
}

export interface WorkspaceBoardView {
  rows: TeamBoardRow[];
}

export interface StatsView {
  memberId: string;
  displayName: string;
  active: boolean;
  pausedUntil: number | null;
  schedule: Schedule;
  hasBand: boolean;
  /** Tags the member avoids; empty for none. */
  avoidTags: ChallengeTag[];
  /** What a slot in a meeting, call or huddle does: wait ("hold") or come anyway ("ignore"). */
  meetings: MeetingsPreference;
  /** The chosen public-holiday calendar, or null. */
  holidays: string | null;
  streak: number;
  todayCount: number;
  weekPoints: number;
  totalPoints: number;
  totalCompletions: number;
  promptsSent: number;
  nextPromptAt: number | null;
  /** How long after each slot the member's prompt goes out: their place in the tenant's spread window. */
  arrivesAfterSlotMs: number;
  teams: Array<{ teamId: string; teamName: string; rank: number; of: number }>;
}

export interface DigestView {
  teamId: string;
  teamName: string;
  weekKey: string;
  streak: number;
  participation: number;
  top: MemberBoardRow[];
}
