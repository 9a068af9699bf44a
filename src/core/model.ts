// The domain's data shapes. Plain data only: every store and adapter passes these around.
import type { ChallengeTag } from './content/tags.ts';

export type { ChallengeTag } from './content/tags.ts';

export type Platform = 'slack' | 'teams' | 'web';
export const PLATFORMS: readonly Platform[] = ['slack', 'teams', 'web'];

export type Equipment = 'none' | 'band';

/** A member's working schedule; the input of nextPromptAt. */
export interface Schedule {
  /** IANA zone name, e.g. "Europe/Berlin". */
  timezone: string;
  /** ISO weekdays, 1 = Monday .. 7 = Sunday. */
  workdays: number[];
  /** Local wall time "HH:MM" the working window opens. */
  start: string;
  /** Local wall time "HH:MM" the working window closes (no slot at or after it). */
  end: string;
  /** Minutes between prompts, 15..240. */
  intervalMinutes: number;
}

/** Why a member cannot be reached for a prompt right now (the metrics' `reason` label). */
export type UnreachableReason = 'dnd' | 'meeting' | 'huddle' | 'focus' | 'out_of_office' | 'holiday' | 'paused';
export const UNREACHABLE_REASONS: readonly UnreachableReason[] = ['dnd', 'meeting', 'huddle', 'focus', 'out_of_office', 'holiday', 'paused'];

/** A platform's answer for one slot: why the member cannot be reached, and until when (null: not known, e.g. no expiry). */
export interface Unreachable {
  reason: UnreachableReason;
  until: number | null;
}

/** What to do with a slot that lands in a meeting, call, huddle or focus time: wait for its end, or send anyway. */
export type MeetingsPreference = 'hold' | 'ignore';

/** A period during which the member wanted no prompts (pause or stop): such days never break a streak. */
export interface InactiveSpan {
  from: number;
  /** null while still inactive. */
  to: number | null;
  /** Why: left out for a pause or stop the member asked for; set for a slot skipped because they could not be reached. */
  reason?: UnreachableReason;
}

/** A schedule no longer in force: it decided the local days before `until` (and from the previous one's `until`). */
export interface PastSchedule {
  /** Local date YYYY-MM-DD from which the next schedule applied (the day of the change). */
  until: string;
  timezone: string;
  workdays: number[];
  start: string;
  end: string;
}

export interface Member {
  /** `slack:<teamId>:<userId>`, `teams:<tenantId>:<aadObjectId>` or `web:local:<name>`. */
  id: string;
  platform: Platform;
  tenantId: string;
  displayName: string;
  schedule: Schedule;
  /** True while the zone is DEFAULT_TIMEZONE because the platform gave none (until the member sets one). */
  timezoneAssumed?: boolean;
  /** Equipment the member has; "none" challenges are always allowed. */
  hasBand: boolean;
  /** Challenge tags the member asked to avoid (`avoid stairs,balance`); empty for none. */
  avoidTags: ChallengeTag[];
  /** Opted in with "start"; false until then and after "stop". */
  active: boolean;
  /** Epoch ms until which prompts are paused, or null. */
  pausedUntil: number | null;
  /** Pauses, stops and skipped unreachable slots not yet settled into excusedDays, newest last (see members.ts). */
  inactiveSpans: InactiveSpan[];
  /** Local days (YYYY-MM-DD, ascending) settled as excused from spans that ended before today; kept for the streak's look-back. */
  excusedDays?: string[];
  /** Schedules in force before the current one, oldest first; kept for the streak's look-back. */
  pastSchedules?: PastSchedule[];
  /** Team ids this member belongs to. */
  teamIds: string[];
  /** Most recent challenge ids first, for the no-repeat rule. */
  recentChallengeIds: string[];
  /** A prompt waiting to come back after a snooze. */
  snoozedPromptId: string | null;
  snoozeUntil: number | null;
  /** Set while the waiting snooze is a prompt held because the member was busy: at its end they are looked up again. */
  heldFor?: UnreachableReason;
  /** Slots in a meeting, call, huddle or focus time wait ("hold", the default) or are sent anyway ("ignore"). */
  meetings: MeetingsPreference;
  /** The public-holiday calendar the member chose ("US", "AU-VIC"), or null for none. */
  holidays: string | null;
  /** Platform data the adapter needs to reach the member (e.g. Slack DM channel); opaque to the core. */
  address: Record<string, string>;
  createdAt: number;
}

export type PromptStatus = 'open' | 'done' | 'snoozed' | 'skipped';

export interface Prompt {
  id: string;
  kind: 'personal' | 'team';
  /** Recipient of a personal prompt; the empty string for a team prompt. */
  memberId: string;
  /** The team of a team prompt, else null. */
  teamId: string | null;
  platform: Platform;
  tenantId: string;
  challengeId: string;
  /** The schedule slot (epoch ms) this prompt is for. */
  slotAt: number;
  sentAt: number;
  /** Local date YYYY-MM-DD of the slot in the recipient's (or team's) zone. */
  localDay: string;
  /** After this instant (end of that local workday) a click says it expired. */
  expiresAt: number;
  status: PromptStatus;
  /** Where the platform put the message, so it can be updated in place; opaque to the core. */
  delivery: Record<string, string>;
  /** How many times the member swapped this prompt's challenge for another; absent for none. */
  swaps?: number;
  /** True for a break asked for with "now" (outside the schedule): it earns points only within ON_DEMAND_POINT_CAP. */
  onDemand?: true;
}

export interface Team {
  /** `<platform>:<tenant>:<channel or team id>`. */
  id: string;
  platform: Platform;
  tenantId: string;
  name: string;
  timezone: string;
  workdays: number[];
  /** Local "HH:MM" of the daily team challenge, or null for none. */
  challengeTime: string | null;
  /** Member id of whoever set the team up (created it or installed the bot there); may change its settings. */
  createdBy?: string;
  /** Workdays in force before each change, oldest first: `until` is the team-local day the change was made. */
  pastWorkdays?: Array<{ workdays: number[]; until: string }>;
  /** Platform data to reach the team's channel; opaque to the core. */
  address: Record<string, string>;
  createdAt: number;
  /** The team's most recent daily challenge ids first, for the no-repeat rule (absent: none yet). */
  recentChallengeIds?: string[];
  /** The team's public-holiday calendar ("US", "AU-VIC"): no team challenge then, and the day is left out of its streak. */
  holidays?: string;
}

export interface Challenge {
  id: string;
  title: string;
  steps: string[];
  seconds: number;
  equipment: Equipment;
  posture: 'standing' | 'sitting' | 'walking';
  /** What the challenge needs (standing, band, stairs, ...); a member's `avoid` list is matched against these. */
  tags: readonly ChallengeTag[];
  /** A fact from the source, in our own words. */
  why: string;
  safety: string;
  /** A gentler way to do it, named; every standing or walking challenge has one, seated ones may not. */
  easier: string | null;
  credit: string;
}

/** Per member figures the completion path keeps up to date. */
export interface MemberActivity {
  /** Completions per local day, YYYY-MM-DD -> count. */
  days: Record<string, number>;
  /** Points per ISO week key (YYYY-Www in the member's zone). */
  weekPoints: Record<string, number>;
  totalPoints: number;
  totalCompletions: number;
  promptsSent: number;
}

/** One team workday's record: how many distinct members completed and how many were active then. */
export interface TeamDay {
  completers: number;
  activeMembers: number;
}

export interface TeamTotals {
  promptsSent: number;
  completions: number;
}
