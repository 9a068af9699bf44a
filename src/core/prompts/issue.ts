// Creating and delivering prompts: on demand ("now"), at a member's slot, and a team's daily challenge.
import type { CoreContext } from '../context.ts';
import { messengerFor, PROMPT_TTL_MS, SNOOZE_MINUTES } from '../context.ts';
import { localDay } from '../schedule/calendar.ts';
import { challengeById, pickChallenge, rememberChallenge } from '../content/pick.ts';
import { newPromptId } from '../ids.ts';
import { pictureAlt, picturePath } from '../content/pictures.ts';
import type { Challenge, Member, Prompt, Team } from '../model.ts';
import type { PromptView, TeamPromptView } from '../views.ts';
import type { Delivery, WireGate } from '../ports/index.ts';
import { endOfLocalDay, localTimeLabel } from '../schedule/slots.ts';
import { NotFoundError, SendWithheldError, ValidationError } from '../errors.ts';
import { changeMember, requireMember } from '../people/members.ts';
import type { MemberStore, PromptStore, TeamStore } from '../ports/index.ts';

/** The store roles these use cases touch, their own and those of the use cases they call. */
type Ctx = CoreContext<MemberStore & PromptStore & TeamStore>;

export function promptView(prompt: Prompt, challenge: Challenge, timezone: string): PromptView {
  return {
    promptId: prompt.id,
    challenge,
    localTime: localTimeLabel(prompt.slotAt, timezone),
    snoozeMinutes: SNOOZE_MINUTES,
    expiresAt: prompt.expiresAt,
    picture: { path: picturePath(challenge.id), alt: pictureAlt(challenge.id) },
  };
}

/** What a team challenge shows: no snooze (team challenges cannot be snoozed) and how many have joined so far. */
export function teamPromptView(prompt: Prompt, challenge: Challenge, team: Pick<Team, 'id' | 'name' | 'timezone'>, joinedCount: number): TeamPromptView {
  return { ...promptView(prompt, challenge, team.timezone), snoozeMinutes: [], teamId: team.id, teamName: team.name, joinedCount };
}

/** A new prompt for a member (personal) or a team, expiring at the end of the slot's local day. */
export function newPrompt(ctx: Ctx, owner: Member | Team, kind: Prompt['kind'], challenge: Challenge, slotAt: number, timezone: string): Prompt {
  return {
    id: newPromptId(owner.platform, owner.tenantId),
    kind,
    memberId: kind === 'personal' ? owner.id : '',
    teamId: kind === 'team' ? owner.id : null,
    platform: owner.platform,
    tenantId: owner.tenantId,
    challengeId: challenge.id,
    slotAt,
    sentAt: ctx.clock.now(),
    localDay: localDay(slotAt, timezone),
    expiresAt: endOfLocalDay(slotAt, timezone),
    status: 'open',
    delivery: {},
  };
}

/** Send marker lifetime: long enough that no slot can be sent twice by a late or restarted instance. */
export const SENT_MARKER_TTL_MS = 2 * 24 * 3600_000;

/** A personal prompt recorded and ready for the platform: the prompt, its view, and the member as stored with it. */
export interface IssuedPrompt {
  prompt: Prompt;
  view: PromptView;
  member: Member;
}

/** Picks the member's next challenge and builds the prompt for `slotAt`; the member comes back with it remembered. */
export function issuePrompt(ctx: Ctx, member: Member, slotAt: number): IssuedPrompt {
  const challenge = pickChallenge({ hasBand: member.hasBand, avoidTags: member.avoidTags, recentIds: member.recentChallengeIds });
  const prompt = newPrompt(ctx, member, 'personal', challenge, slotAt, member.schedule.timezone);
  return {
    prompt,
    view: promptView(prompt, challenge, member.schedule.timezone),
    member: { ...member, recentChallengeIds: rememberChallenge(member.recentChallengeIds, challenge.id) },
  };
}

/**
 * The platform call for an issued prompt, with its metric and log; returns the platform's receipt, not yet stored.
 * A `gate` is passed on to a messenger that honours it (after its rate limiter), else passed here, just before.
 */
export async function sendIssuedPrompt(ctx: Ctx, issued: IssuedPrompt, gate?: WireGate): Promise<Delivery> {
  const { member, prompt, view } = issued;
  const messenger = messengerFor(ctx, member.platform);
  if (!messenger) throw new ValidationError(`No ${member.platform} connection is configured.`);
  if (gate && !messenger.gatesSends) {
    if (gate.signal?.aborted) throw new SendWithheldError('handed-back');
    if (!(await gate.beforeWire())) throw new SendWithheldError('held-elsewhere');
  }
  const delivery = await messenger.sendPrompt(member, view, messenger.gatesSends ? gate : undefined);
  ctx.metrics.promptSent(member.platform);
  ctx.logger.info({ memberId: member.id, promptId: prompt.id }, 'prompt sent');
  return delivery;
}

/** Picks a challenge, stores the prompt, sends it, records it. Returns the stored prompt and its view. */
export async function sendPersonalPrompt(ctx: Ctx, member: Member, slotAt: number, onDemand = false): Promise<{ prompt: Prompt; view: PromptView }> {
  if (!messengerFor(ctx, member.platform)) throw new ValidationError(`No ${member.platform} connection is configured.`);
  const scheduled = issuePrompt(ctx, member, slotAt);
  const issued: IssuedPrompt = onDemand ? { ...scheduled, prompt: { ...scheduled.prompt, onDemand: true } } : scheduled;
  await ctx.store.putPrompt(issued.prompt, PROMPT_TTL_MS);
  // Only the field this prompt changes, so a settings change stored meanwhile is kept.
  await changeMember(ctx, member.id, (stored) => ({ ...stored, recentChallengeIds: issued.member.recentChallengeIds }));
  const delivery = await sendIssuedPrompt(ctx, issued);
  await recordDelivery(ctx, issued.prompt, delivery);
  await ctx.store.recordPromptSent(member.id, member.teamIds, member.platform, member.tenantId);
  return { prompt: { ...issued.prompt, delivery }, view: issued.view };
}

async function recordDelivery(ctx: Ctx, prompt: Prompt, delivery: Delivery): Promise<void> {
  if (Object.keys(delivery).length > 0) await ctx.store.setPromptDelivery(prompt.id, delivery);
}

/** "now": one prompt right away, outside the schedule; the schedule carries on unchanged. */
export async function promptNow(ctx: Ctx, memberId: string): Promise<{ prompt: Prompt; view: PromptView }> {
  const member = await requireMember(ctx, memberId);
  return sendPersonalPrompt(ctx, member, ctx.clock.now(), true);
}

/** Sends a snoozed prompt again, unless it was closed or has expired meanwhile. */
export async function resendSnoozed(ctx: Ctx, member: Member, promptId: string): Promise<boolean> {
  const prompt = await ctx.store.getPrompt(promptId);
  const challenge = prompt ? challengeById(prompt.challengeId) : undefined;
  if (!prompt || !challenge || prompt.expiresAt <= ctx.clock.now()) return false;
  const status = await ctx.store.setPromptStatus(prompt.id, 'open');
  if (status !== 'open') return false;
  const messenger = messengerFor(ctx, member.platform);
  if (!messenger) return false;
  const delivery = await messenger.sendPrompt(member, promptView(prompt, challenge, member.schedule.timezone));
  await recordDelivery(ctx, prompt, delivery);
  return true;
}

export async function sendTeamPrompt(ctx: Ctx, teamId: string, slotAt: number): Promise<{ prompt: Prompt; view: TeamPromptView }> {
  const team = await ctx.store.getTeam(teamId);
  if (!team) throw new NotFoundError('That team');
  const messenger = messengerFor(ctx, team.platform);
  if (!messenger) throw new ValidationError(`No ${team.platform} connection is configured.`);
  // Teams follow the members' no-recent-repeat rule, with their own memory of daily challenges.
  const challenge = pickChallenge({ hasBand: false, recentIds: team.recentChallengeIds ?? [] });
  const prompt = newPrompt(ctx, team, 'team', challenge, slotAt, team.timezone);
  await ctx.store.putPrompt(prompt, PROMPT_TTL_MS);
  // Field-level on the team as stored: a team settings change made meanwhile is kept.
  await ctx.store.updateTeam(team.id, (stored) => stored && { ...stored, recentChallengeIds: rememberChallenge(stored.recentChallengeIds ?? [], challenge.id) });
  const view = teamPromptView(prompt, challenge, team, 0);
  const delivery = await messenger.sendTeamPrompt(team, view);
  await recordDelivery(ctx, prompt, delivery);
  ctx.metrics.promptSent(team.platform);
  return { prompt: { ...prompt, delivery }, view };
}
