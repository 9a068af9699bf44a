// One per platform: how the scheduler and the service reach people.
import type { Member, Platform, Team, Unreachable } from '../model.ts';
import type { PromptView, TeamPromptView, DigestView } from '../views.ts';

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

