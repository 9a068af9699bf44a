// One per platform: how the scheduler and the service reach people.
import type { Member, Platform, Team, Unreachable } from '../model.ts';
import type { PromptView, TeamPromptView, DigestView } from '../views.ts';

/** A receipt from the platform: where the message went, kept on the prompt for in-place updates. */
export type Delivery = Record<string, string>;

/** One per platform: how the scheduler and the service reach people. */
export interface Messenger {
  readonly platform: Platform;
  /**
   * True when sendPrompt honours a WireGate: it calls `beforeWire` once, after the platform's rate limiter granted the
   * send and right before the platform call. Otherwise the core calls it just before sendPrompt.
   */
  readonly gatesSends?: boolean;
  sendPrompt(member: Member, view: PromptView, gate?: WireGate): Promise<Delivery>;
  /**
   * Optional: where the platform can tell, whether the member's conversation already shows prompt `promptId` (a send
   * whose outcome is unknown). A receipt when it does, null when it does not; throws when it cannot tell.
   */
  findPrompt?(member: Member, promptId: string): Promise<Delivery | null>;
  sendTeamPrompt(team: Team, view: TeamPromptView): Promise<Delivery>;
  sendDigest(team: Team, view: DigestView): Promise<void>;
  /**
   * Optional: for each due slot, why its member cannot be reached now (Do Not Disturb, a meeting, out of office...) and
   * until when, or null for "reachable". Asked once per claimed batch and platform, so a platform with a batch API
   * reads it in few calls. One answer per query, in order; a failed look-up answers null (a prompt is never blocked).
   */
  reachability?(queries: ReachabilityQuery[]): Promise<Array<Unreachable | null>>;
}

/**
 * What a scheduled send passes to the platform: a send waiting for the rate limiter is not on the wire yet, so the
 * send marker is taken only once the limiter grants it (`beforeWire`; false: someone else holds the slot, do not send).
 * An aborted `signal` hands a send that is still waiting back (the instance is stopping); both cases throw
 * SendWithheldError.
 */
export interface WireGate {
  beforeWire(): Promise<boolean>;
  signal?: AbortSignal | undefined;
}

/** One due slot whose member's reachability is asked. */
export interface ReachabilityQuery {
  member: Member;
  slotAt: number;
}

